"""The month view lists a busy month's events a page at a time, and the grid's « + N autres »
link of a day leads to the page that lists it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from events.views.calendar import PER_PAGE
from tests.factories.events import EventPageFactory
from tests.factories.site import site_tree

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def busy_month():
    """March 2027: two events a day on the 1st–14th, then six on the 20th."""
    calendar = site_tree().events
    days = [day for day in range(1, 15) for _ in range(2)] + [20] * 6
    for number, day in enumerate(days):
        start = datetime.datetime(2027, 3, day, 9 + number % 8, tzinfo=PARIS)
        EventPageFactory(
            parent=calendar,
            title=f"Rendez-vous {number:02d}",
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
    return len(days)


def listed(response) -> list[str]:
    tree = BeautifulSoup(response.content, "html.parser")
    heading = tree.find("h2", string="Ce mois-ci")
    return [h4.get_text(strip=True) for h4 in heading.find_all_next("h4")]


def test_a_busy_month_is_listed_a_page_at_a_time(client, busy_month):
    first = client.get("/evenements/2027/03/")
    assert first.status_code == 200
    assert len(listed(first)) == PER_PAGE
    second = client.get("/evenements/2027/03/?page=2")
    assert len(listed(second)) == busy_month - PER_PAGE
    assert set(listed(first)).isdisjoint(listed(second))
    assert client.get("/evenements/2027/03/?page=3").status_code == 404


def test_the_grid_links_a_crowded_day_to_the_page_that_lists_it(client, busy_month):
    tree = BeautifulSoup(client.get("/evenements/2027/03/").content, "html.parser")
    more = tree.find("a", href=lambda href: href and href.endswith("#jour-2027-03-20"))
    assert more["href"] == "?page=2#jour-2027-03-20"
    assert "+ 3 autres" in more.get_text()
    page_two = BeautifulSoup(client.get("/evenements/2027/03/?page=2").content, "html.parser")
    assert page_two.find(id="jour-2027-03-20") is not None
    # on the page that lists it, the link stays on the page
    more = page_two.find("a", href=lambda href: href and href.endswith("#jour-2027-03-20"))
    assert more["href"] == "#jour-2027-03-20"
