import pytest

from tests.factories.kb import FichePageFactory, TerritoryFactory


@pytest.fixture
def home_territory(db):
    return TerritoryFactory(name="Territoire d'origine")


@pytest.fixture
def fiche(site_tree, home_territory):
    return FichePageFactory(
        parent=site_tree.fiches,
        title="Coffres-forts numériques quuxiens",
        territories=[home_territory],
    )


@pytest.fixture
def reusing_territory(db):
    return TerritoryFactory(name="Territoire qui reprend")
