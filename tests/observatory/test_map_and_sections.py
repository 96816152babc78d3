"""The map links each territory, on the observatory and on the territories' list; a
territory's page shows its own figures beside the national ones; the home page says which
key figures are the 2024 review's and which are live."""

import pytest

from kb.models import Territory, TerritoryIndexPage
from tests.observatory.conftest import public_fiches
from tests.observatory.pages import csv_rows, soup, tables

pytestmark = pytest.mark.django_db


def map_links(response) -> dict[str, str]:
    """The map's links: href -> accessible name."""
    svg = soup(response).select_one("#carte svg")
    return {link["href"]: link["aria-label"] for link in svg.select("a")}


@pytest.mark.usefixtures("demo")  # reads the demo's content
@pytest.mark.parametrize("path", ["/observatoire/", "/territoires/"])
def test_the_map_links_each_of_the_39_territories_with_its_count(client, path):
    response = client.get(path)
    assert response.status_code == 200
    links = map_links(response)
    territories = list(Territory.objects.all())
    assert len(territories) == 39
    urls = TerritoryIndexPage.urls_for_territories(territories)
    assert set(links) == set(urls.values())
    for territory in territories:
        actions = public_fiches().filter(territories=territory).count()
        name = links[urls[territory.pk]]
        assert name.startswith(f"{territory.name} ({territory.departement}) : {actions} action")
        assert client.get(urls[territory.pk]).status_code == 200
    # The list after the map says the same, in text.
    listed = {
        item.select_one("a")["href"]: item.get_text()
        for item in soup(response).select("#carte .tznr-map__list li")
    }
    assert set(listed) == set(links)


def test_the_map_draws_every_departement_with_the_overseas_insets(client):
    svg = soup(client.get("/observatoire/")).select_one("#carte svg")
    names = {path.select_one("title").get_text() for path in svg.select("path")}
    assert {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Corse-du-Sud"} <= names
    assert len(names) == 101
    assert "CC-BY-4.0" in soup(client.get("/observatoire/")).select_one("#carte").get_text()


def test_a_filtered_map_shades_only_the_matching_territories(client, review):
    links = map_links(client.get("/observatoire/", {"region": "Région d'essai B"}))
    east = review["territories"]["east"]
    assert len(links) == 1
    assert list(links.values()) == [f"{east.name} ({east.departement}) : 1 action"]


def test_a_territory_page_shows_its_figures_beside_the_national_ones(client, review):
    north = review["territories"]["north"]
    response = client.get(TerritoryIndexPage.url_for_territory(north))
    shown = tables(response)
    mine = public_fiches().filter(territories=north)
    axis = review["axis"]
    assert shown["axes"][axis.slug] == [
        mine.filter(axis=axis).count(),
        public_fiches().filter(axis=axis).count(),
    ]
    assert shown["etats"]["terminee"] == [
        mine.filter(status="terminee").count(),
        public_fiches().filter(status="terminee").count(),
    ]
    assert shown["publics"][review["public"].slug] == [1, 1]
    download = csv_rows(client.get(f"/observatoire/territoires/{north.slug}/axes.csv"))
    assert {
        line["code"]: [int(line["territoire"]), int(line["national"])] for line in download
    } == shown["axes"]


@pytest.mark.usefixtures("demo")  # reads the demo's content
def test_the_home_page_tells_the_2024_review_from_the_live_counts(client, review):
    content = soup(client.get("/"))
    review_section = content.select_one("section[aria-labelledby=chiffres-cles]")
    live = content.select_one("section[aria-labelledby=chiffres-direct]")
    assert "Bilan 2024" in review_section.select_one("h2").get_text()
    assert "278" in review_section.get_text()
    assert "En direct" in live.select_one("h2").get_text()
    first = live.select_one(".tznr-figure__value").get_text()
    assert int(first) == public_fiches().count()
    active = Territory.objects.filter(fiches__in=public_fiches()).distinct().count()
    assert f"{active} / {Territory.objects.count()}" in live.get_text()
