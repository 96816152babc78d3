import pytest
from django.test import Client

from kb.models import Axis, Public
from tests.conftest import make_user
from tests.factories.directory import CoordinatorFactory
from tests.factories.kb import AxisFactory, PublicFactory, TerritoryFactory


@pytest.fixture(autouse=True)
def site(site_tree):
    """The site's lists (the proposals' parents), and the axis and public they name."""
    AxisFactory(name="Aller vers", slug="aller-vers")
    PublicFactory(name="Jeunes", slug="jeunes")
    return site_tree


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Territoire contributeur")


@pytest.fixture
def contributor(db, territory):
    """A member whose directory entry ties them to `territory`."""
    user = make_user("contributrice", "Membre", email="contributrice@example.org")
    CoordinatorFactory(user=user, territory=territory, name="Camille Contributrice")
    return user


@pytest.fixture
def contributor_client(contributor):
    browser = Client()
    browser.force_login(contributor)
    return browser


@pytest.fixture
def reviewer(db):
    """An animator through the Animateur group only (its real permissions)."""
    return make_user("relectrice", "Animateur", email="relectrice@example.org")


@pytest.fixture
def reviewer_client(reviewer):
    browser = Client()
    browser.force_login(reviewer)
    return browser


@pytest.fixture
def fiche_data(territory):
    """A complete fiche proposal, as the form posts it."""
    return {
        "action": "proposer",
        "title": "La caravane des droits zorglubienne",
        "chapo": "Un bus sillonne les villages pour informer sur les droits.",
        "body": "Premier paragraphe sur la **caravane**.\n\nSecond paragraphe :\n- CAF\n- CPAM",
        "axis": Axis.objects.get(slug="aller-vers").slug,
        "territories": [territory.slug],
        "publics": [Public.objects.get(slug="jeunes").slug],
        "status": "en_cours",
        "year": "2025",
        "partners": "CAF\nCPAM",
    }
