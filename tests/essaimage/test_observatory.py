"""Essaimage in the observatory and open data (kb.figures, kb.datasets): the figures equal a
count taken from the declarations by hand, chart, table and CSV agree, the filters change
them, and the open file holds the public declarations only."""

import json
import subprocess
from collections import Counter

import pytest
from django.conf import settings
from django.core.cache import caches

from essaimage.models import Reuse
from kb.models import FichePage
from tests.essaimage.test_reuse import member_of
from tests.factories.essaimage import ReuseFactory
from tests.factories.kb import AxisFactory, FichePageFactory, TerritoryFactory
from tests.observatory.conftest import restrict
from tests.observatory.pages import charts, csv_rows, tables
from tests.observatory.test_opendata import FRICTIONLESS, download_package

pytestmark = pytest.mark.django_db

LEVELS = ("a_l_etude", "adaptee", "mise_en_oeuvre")  # the chart's series, in order


@pytest.fixture(autouse=True)
def fresh_figures():
    caches[settings.OBSERVATORY_CACHE].clear()
    yield
    caches[settings.OBSERVATORY_CACHE].clear()


@pytest.fixture
def reuses(site_tree):
    """Two public fiches of one territory reused by three others (two régions, two cohorts),
    a members-only fiche and an unpublished one reused too (never counted)."""
    axis, other_axis = AxisFactory(name="Axe repris"), AxisFactory(name="Autre axe repris")
    home = TerritoryFactory(name="Territoire d'origine")
    north = TerritoryFactory(name="Nord qui reprend", region="Région A", cohort=2023)
    south = TerritoryFactory(name="Sud qui reprend", region="Région B", cohort=2024)
    east = TerritoryFactory(name="Est qui reprend", region="Région A", cohort=2024)
    index = site_tree.fiches
    caravane = FichePageFactory(
        parent=index, title="Caravane des droits", axis=axis, year=2023, territories=[home]
    )
    coffres = FichePageFactory(
        parent=index, title="Coffres numériques", axis=other_axis, year=2024, territories=[home]
    )
    private = FichePageFactory(parent=index, axis=axis, year=2023, territories=[home])
    restrict(private)
    draft = FichePageFactory(parent=index, axis=axis, year=2023, territories=[home])
    draft.unpublish()
    for fiche, territory, level in [
        (caravane, north, "mise_en_oeuvre"),
        (caravane, south, "adaptee"),
        (caravane, east, "a_l_etude"),
        (coffres, north, "adaptee"),
        (private, south, "adaptee"),
        (draft, east, "adaptee"),
    ]:
        ReuseFactory(fiche=fiche, territory=territory, level=level, note="Note de membres.")
    return {
        "axes": (axis, other_axis),
        "fiches": (caravane, coffres, private, draft),
        "territories": (home, north, south, east),
    }


def counted(**filters) -> list[Reuse]:
    """The hand count: declarations on the fiches Wagtail itself calls live and public."""
    public = FichePage.objects.live().public().values("pk")
    return list(Reuse.objects.filter(fiche__in=public, **filters))


def by_fiche(declarations: list[Reuse]) -> dict[str, list[int]]:
    levels: dict[str, Counter] = {}
    for reuse in declarations:
        levels.setdefault(f"{reuse.fiche_id}", Counter())[reuse.level] += 1
    return {pk: [levels[pk][level] for level in LEVELS] for pk in levels}


def by_axis(declarations: list[Reuse], axes) -> dict[str, list[int]]:
    return {
        axis.slug: [
            sum(1 for reuse in declarations if reuse.fiche.axis_id == axis.pk),
            len({reuse.fiche_id for reuse in declarations if reuse.fiche.axis_id == axis.pk}),
        ]
        for axis in axes
    }


def test_the_figures_equal_the_hand_count_and_chart_table_and_csv_agree(client, reuses):
    caravane, coffres, private, draft = reuses["fiches"]
    response = client.get("/observatoire/")
    shown = tables(response)
    assert shown["essaimage-pratiques"] == by_fiche(counted())
    assert list(shown["essaimage-pratiques"]) == [f"{caravane.pk}", f"{coffres.pk}"]  # ranked
    assert f"{private.pk}" not in shown["essaimage-pratiques"]
    assert shown["essaimage-axes"] == by_axis(counted(), reuses["axes"])
    drawn = charts(response)
    for key in ("essaimage-pratiques", "essaimage-axes"):
        assert [values for _, values in drawn[key]] == list(shown[key].values())
        lines = csv_rows(client.get(f"/observatoire/{key}.csv"))
        assert {line["code"]: line for line in lines}.keys() == shown[key].keys()
    lines = csv_rows(client.get("/observatoire/essaimage-pratiques.csv"))
    assert [line["libelle"] for line in lines] == ["Caravane des droits", "Coffres numériques"]
    assert [[int(line[level]) for level in LEVELS] for line in lines] == list(
        by_fiche(counted()).values()
    )
    page = response.content.decode()
    assert "Pratiques les plus reprises par d&#x27;autres territoires" in page
    assert "2 pratiques ont été reprises par d&#x27;autres territoires" in page


def test_the_filters_change_chart_table_and_csv(client, reuses):
    for query, hand in [
        ({"region": "Région A"}, counted(territory__region="Région A")),
        ({"cohort": "2024"}, counted(territory__cohort=2024)),
        ({"year": "2024"}, counted(fiche__year=2024)),
        ({"axis": reuses["axes"][0].slug}, counted(fiche__axis=reuses["axes"][0])),
    ]:
        response = client.get("/observatoire/", query)
        assert response.status_code == 200, query
        shown = tables(response)
        assert shown["essaimage-pratiques"] == by_fiche(hand), query
        assert shown["essaimage-axes"] == by_axis(hand, reuses["axes"]), query
        lines = csv_rows(client.get("/observatoire/essaimage-axes.csv", query))
        assert {
            line["code"]: [int(line["reprises"]), int(line["pratiques"])] for line in lines
        } == (shown["essaimage-axes"])
    assert len(counted(territory__region="Région A")) == 3  # the filters really narrow
    assert len(counted(fiche__year=2024)) == 1


def test_a_declaration_through_the_form_changes_the_kept_figures(client, reuses):
    _, coffres, _, _ = reuses["fiches"]
    before = tables(client.get("/observatoire/"))["essaimage-pratiques"][f"{coffres.pk}"]
    newcomer = TerritoryFactory(name="Territoire nouveau")
    response = member_of(newcomer, "nouvelle").post(
        f"/essaimage/fiche/{coffres.pk}/", {"level": "a_l_etude", "note": ""}
    )
    assert response.status_code == 302
    after = tables(client.get("/observatoire/"))["essaimage-pratiques"][f"{coffres.pk}"]
    assert after == [before[0] + 1, *before[1:]]


def test_no_declaration_no_ranking(client, site_tree):
    AxisFactory()
    shown = tables(client.get("/observatoire/"))
    assert "essaimage-pratiques" not in shown
    assert all(values == [0, 0] for values in shown["essaimage-axes"].values())


def test_a_territory_page_keeps_its_essaimage_section_not_a_chart(client, reuses):
    _, north, _, _ = reuses["territories"]
    url = f"/observatoire/territoires/{north.slug}/essaimage-axes.csv"
    assert client.get(url).status_code == 404


def test_the_open_file_holds_public_declarations_without_notes_or_people(client, reuses, tmp_path):
    caravane, coffres, private, draft = reuses["fiches"]
    member_of(reuses["territories"][3], "declarante").post(
        f"/essaimage/fiche/{coffres.pk}/", {"level": "adaptee", "note": "Notre note interne."}
    )
    package = download_package(client, tmp_path)
    assert "essaimage" in {resource["name"] for resource in package["resources"]}
    run = subprocess.run(  # noqa: S603
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stdout)
    assert report["valid"], run.stdout[:2000]
    text = (tmp_path / "essaimage.csv").read_text("utf-8")
    rows = csv_rows(type("R", (), {"content": text.encode()}))
    assert sorted(int(row["id"]) for row in rows) == sorted(r.pk for r in counted())
    assert {int(row["fiche"]) for row in rows} == {caravane.pk, coffres.pk}
    assert "Note de membres" not in text and "Notre note interne" not in text
    assert "declarante" not in text
    assert list(rows[0]) == [
        "id",
        "fiche",
        "fiche_titre",
        "fiche_url",
        "territoire",
        "niveau",
        "mise_a_jour",
    ]


@pytest.mark.usefixtures("demo")  # the page the browser audit (axe, vnu) reads
def test_the_demo_observatory_shows_the_demos_reuses(client):
    assert counted()
    shown = tables(client.get("/observatoire/"))
    assert shown["essaimage-pratiques"] == by_fiche(counted())
