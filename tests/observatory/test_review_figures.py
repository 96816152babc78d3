"""Every figure of /observatoire/ is a count taken directly from the pages, its chart and its
CSV say the same, and the filters change all three."""

import pytest
from django.db.models import Q

from kb.models import Axis, FichePage, Public, Territory
from observatory.figures import PORTEUR_LABELS
from tests.observatory.conftest import OTHER_AXIS, public_fiches
from tests.observatory.pages import charts, csv_rows, tables

pytestmark = pytest.mark.django_db

STATUSES = [status.value for status in FichePage.Status]


def expected_figures(fiches, territories) -> dict[str, dict[str, list[int]]]:
    """The figures counted from the pages themselves, fiche by fiche (no aggregate query)."""
    fiches = list(fiches.prefetch_related("territories", "publics").select_related("axis"))
    territories = list(territories)
    kept = {territory.pk for territory in territories}

    def with_territory(test):
        return [f for f in fiches if any(t.pk in kept and test(t) for t in f.territories.all())]

    def by_status(selected):
        return [sum(1 for f in selected if f.status == status) for status in STATUSES]

    cohorts = sorted({t.cohort for t in territories})
    states = {"ensemble": by_status(fiches)} | {
        f"{cohort}": by_status(with_territory(lambda t, c=cohort: t.cohort == c))
        for cohort in cohorts
    }

    def groups(attribute):
        values = {getattr(t, attribute) for t in territories}
        return {
            f"{value}": [
                sum(1 for t in territories if getattr(t, attribute) == value),
                len(with_territory(lambda t, v=value, a=attribute: getattr(t, a) == v)),
            ]
            for value in values
        }

    return {
        "axes": {
            axis.slug: [sum(1 for f in fiches if f.axis_id == axis.pk)]
            for axis in Axis.objects.all()
        },
        "etats": states,
        "publics": {
            public.slug: [sum(1 for f in fiches if public in f.publics.all())]
            for public in Public.objects.all()
        },
        "porteurs": groups("porteur_type"),
        "regions": groups("region"),
    }


def test_every_figure_is_a_count_of_the_public_pages(client, review):
    response = client.get("/observatoire/")
    assert response.status_code == 200
    shown = tables(response)
    expected = expected_figures(public_fiches(), Territory.objects.all())
    for key, rows in expected.items():
        assert shown[key] == rows, key
    # The members-only and the unpublished fiche are in none of them.
    assert shown["axes"][review["axis"].slug] == [2]
    assert shown["publics"][review["public"].slug] == [1]


def test_a_fiche_shared_by_two_cohorts_counts_in_each_and_once_in_all(client, review):
    shown = tables(client.get("/observatoire/", {"region": "Région d'essai A"}))
    # north (2023): north, both_cohorts, both_regions; south (2024): both_cohorts.
    assert shown["etats"]["2023"] == [1, 1, 1]
    assert shown["etats"]["2024"] == [0, 0, 1]
    assert shown["etats"]["ensemble"] == [1, 1, 1]
    assert shown["regions"] == {"Région d'essai A": [2, 3]}


def test_each_chart_draws_the_numbers_of_its_table_and_its_csv(client, review):
    response = client.get("/observatoire/")
    shown, drawn = tables(response), charts(response)
    for key, rows in shown.items():
        assert [values for _, values in drawn[key]] == list(rows.values()), key
        download = client.get(f"/observatoire/{key}.csv")
        assert download["Content-Type"].startswith("text/csv")
        lines = csv_rows(download)
        assert [line["code"] for line in lines] == list(rows)
        for line in lines:
            numbers = [int(v) for k, v in line.items() if k not in ("code", "libelle")]
            assert numbers == rows[line["code"]], (key, line)
        assert [line["libelle"] for line in lines] == [label for label, _ in drawn[key]]


@pytest.mark.parametrize(
    "query",
    [
        {"year": "2024"},
        {"axis": OTHER_AXIS},
        {"region": "Région d'essai B"},
        {"porteur_type": "epci"},
        {"cohort": "2023", "year": "2024"},
    ],
)
def test_the_filters_change_the_charts_and_the_csv_alike(client, review, query):
    response = client.get("/observatoire/", query)
    assert response.status_code == 200
    shown, drawn = tables(response), charts(response)
    fiches = public_fiches()
    territories = Territory.objects.all()
    if "year" in query:
        fiches = fiches.filter(year=int(query["year"]))
    if "axis" in query:
        fiches = fiches.filter(axis__slug=query["axis"])
    territory_filter = Q()
    for name in ("cohort", "region", "porteur_type"):
        if name in query:
            territory_filter &= Q(**{name: query[name]})
    if territory_filter:
        territories = territories.filter(territory_filter)
        fiches = fiches.filter(territories__in=territories).distinct()
    expected = expected_figures(fiches, territories)
    unfiltered = tables(client.get("/observatoire/"))
    assert shown != unfiltered
    for key, rows in expected.items():
        assert shown[key] == rows, key
        assert [values for _, values in drawn[key]] == list(shown[key].values())
        lines = csv_rows(client.get(f"/observatoire/{key}.csv", query))
        assert {line["code"]: [int(v) for v in list(line.values())[2:]] for line in lines} == rows


def test_the_map_figure_counts_each_territory_and_follows_the_filters(client, review):
    north = review["territories"]["north"]
    lines = {
        line["code"]: int(line["actions"])
        for line in csv_rows(client.get("/observatoire/territoires.csv"))
    }
    assert len(lines) == Territory.objects.count()
    for territory in Territory.objects.all():
        assert lines[territory.slug] == public_fiches().filter(territories=territory).count()
    assert lines[north.slug] == 3
    filtered = csv_rows(client.get("/observatoire/territoires.csv", {"year": "2023"}))
    assert {line["code"]: int(line["actions"]) for line in filtered}[north.slug] == 1


def test_a_bad_filter_is_a_french_400_that_keeps_what_was_typed(client, review):
    response = client.get("/observatoire/", {"year": "deux-mille", "region": "Région d'essai A"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Un filtre n'est pas valide" in content
    assert 'value="Région d&#x27;essai A" selected' in content
    assert client.get("/observatoire/axes.csv", {"axis": "pas-un-axe"}).status_code == 400
    assert client.get("/observatoire/pas-un-graphique.csv").status_code == 404


def test_porteur_labels_are_the_territory_choices():
    assert PORTEUR_LABELS == dict(Territory.PorteurType.choices)
