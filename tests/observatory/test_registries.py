"""Other apps plug figures and datasets in by registering (kb.figures, kb.datasets), and the
kept figures follow publishing."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches

from kb import datasets, figures
from kb.models import FichePage
from observatory.cache import VERSION_KEY, forget
from tests.factories.kb import (
    FicheIndexPageFactory,
    FichePageFactory,
    TerritoryFactory,
    site_home,
)
from tests.observatory.pages import charts, csv_rows, tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_figures():
    """A provider as essaimage or satisfaction would register one: it counts groups (saved
    and deleted through the ORM), follows the year filter only, and shows on territory pages
    when asked."""
    seen = []

    def compute(scope):
        seen.append(scope)
        if scope.territory:
            return []
        return [
            figures.Figure(
                key="groupes",
                title="Groupes d'essai",
                summary="Les groupes du site.",
                category="Groupe",
                series=(figures.Series("membres", "Rôles", unit=("rôle", "rôles")),),
                rows=tuple(
                    figures.Row(f"{group.pk}", group.name, (1,))
                    for group in Group.objects.order_by("name")
                ),
                filters=frozenset({"year"}),
            )
        ]

    figures.register(figures.Provider("groupes", compute, order=50, depends_on=(Group,)))
    yield seen
    figures.unregister("groupes")


def test_a_registered_figure_gets_its_chart_table_and_csv(client, group_figures):
    TerritoryFactory(region="Bretagne")  # a région the filter offers
    response = client.get("/observatoire/", {"region": "Bretagne"})
    shown = tables(response)["groupes"]
    assert list(shown.values()) == [[1]] * Group.objects.count()
    assert [values for _, values in charts(response)["groupes"]] == list(shown.values())
    assert "Ce graphique ne dépend pas des filtres : région." in response.content.decode()
    assert group_figures[-1].region == "Bretagne"
    lines = csv_rows(client.get("/observatoire/groupes.csv"))
    assert [line["libelle"] for line in lines] == list(
        Group.objects.order_by("name").values_list("name", flat=True)
    )


def test_a_dependency_change_refreshes_the_kept_figures(client, group_figures):
    before = len(tables(client.get("/observatoire/"))["groupes"])
    calls = len(group_figures)
    client.get("/observatoire/")  # kept: not computed again
    assert len(group_figures) == calls
    Group.objects.create(name="Groupe d'essai")
    assert len(tables(client.get("/observatoire/"))["groupes"]) == before + 1


def test_publishing_a_fiche_changes_the_kept_figures_at_once(client):
    index = FicheIndexPageFactory(parent=site_home())
    fiche = FichePageFactory(parent=index)
    total = sum(v[0] for v in tables(client.get("/observatoire/"))["axes"].values())
    fiche.unpublish()
    after = sum(v[0] for v in tables(client.get("/observatoire/"))["axes"].values())
    assert after == total - 1
    fiche.save_revision().publish()
    again = sum(v[0] for v in tables(client.get("/observatoire/"))["axes"].values())
    assert again == total


def test_a_culled_version_never_brings_back_figures_kept_before(client):
    """The database cache culls its first keys when full, the figures' version among them:
    the version that replaces it must not be one that kept figures before."""
    index = FicheIndexPageFactory(parent=site_home())
    fiche = FichePageFactory(parent=index)
    kept = caches[settings.OBSERVATORY_CACHE]
    kept.delete(VERSION_KEY)  # culled (or never written): the first version
    total = sum(v[0] for v in tables(client.get("/observatoire/"))["axes"].values())
    kept.delete(VERSION_KEY)  # culled again
    FichePage.objects.filter(pk=fiche.pk).update(live=False)  # a change…
    forget()  # …and the one signal it sends
    after = sum(v[0] for v in tables(client.get("/observatoire/"))["axes"].values())
    assert after == total - 1


@pytest.fixture
def group_dataset():
    datasets.register(
        datasets.Dataset(
            name="groupes",
            title="Groupes",
            description="Les groupes du site.",
            fields=(
                datasets.Field("id", "integer", "Identifiant", "Identifiant.", True),
                datasets.Field("nom", "string", "Nom", "Nom du groupe.", True),
            ),
            rows=lambda request: (
                {"id": group.pk, "nom": group.name} for group in Group.objects.order_by("pk")
            ),
        )
    )
    yield
    datasets.unregister("groupes")


def test_a_registered_dataset_is_published_and_described(client, group_dataset):
    package = client.get("/donnees/datapackage.json").json()
    resource = next(r for r in package["resources"] if r["name"] == "groupes")
    assert [f["name"] for f in resource["schema"]["fields"]] == ["id", "nom"]
    response = client.get("/donnees/groupes.csv")
    rows = csv_rows(type("R", (), {"content": b"".join(response.streaming_content)}))
    assert [row["nom"] for row in rows] == list(
        Group.objects.order_by("pk").values_list("name", flat=True)
    )
    assert "Groupes" in client.get("/donnees/").content.decode()
