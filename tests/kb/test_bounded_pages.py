"""A territory's page shows a few items of each kind, whatever the corpus, with a link to the
listing that has them all; the listing behind the link lists as many as the link says."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage
from kb import sections
from kb.models import FichePage
from resources.models import ResourcePage
from tests.factories.directory import CoordinatorFactory
from tests.factories.essaimage import ReuseFactory
from tests.factories.events import EventPageFactory
from tests.factories.kb import AxisFactory, FichePageFactory, TerritoryFactory
from tests.factories.resources import ResourcePageFactory
from tests.factories.site import site_tree

pytestmark = pytest.mark.django_db

LIMIT = sections.SELECTION_LIMIT
MORE = LIMIT + 3


@pytest.fixture
def crowded():
    """A territory with more fiches, coming and past events, deliverables and contacts than a
    section shows, and a second territory with one fiche."""
    site = site_tree()
    territory, other = TerritoryFactory(), TerritoryFactory()
    axis = AxisFactory()  # one axis, as the corpus has a few: the page grows with items only
    now = timezone.now()
    for n in range(MORE):
        fiche = FichePageFactory(parent=site.fiches, territories=[territory], axis=axis)
        fiche.first_published_at = now - datetime.timedelta(days=n)
        fiche.save()
        event = EventPageFactory(parent=site.events, start=now + datetime.timedelta(days=n + 1))
        event.territories = [territory]
        event.save()
        past = EventPageFactory(parent=site.events, start=now - datetime.timedelta(days=n + 30))
        past.territories = [territory]
        past.save()
        resource = ResourcePageFactory(parent=site.resources, year=2023 + n % 8)
        resource.territories = [territory]
        resource.save()
        CoordinatorFactory(territory=territory, name=f"Contact {n:02d}")
    FichePageFactory(parent=site.fiches, territories=[other])
    return territory, other


def page(client, territory) -> BeautifulSoup:
    response = client.get(f"/territoires/{territory.slug}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(tree, heading: str) -> tuple[BeautifulSoup, list, list[tuple[str, str]]]:
    """The `heading` h2, the list items after it (up to the next h2), and its « Voir les »
    links as (text, href)."""
    h2 = next(h for h in tree.find_all("h2") if h.get_text(strip=True).startswith(heading))
    items, links = [], []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        items += sibling.find_all("li", recursive=False)
        links += [
            (a.get_text(strip=True), a["href"])
            for a in sibling.find_all("a")
            if a.get_text(strip=True).startswith("Voir les")
        ]
    return h2, items, links


def test_the_territory_page_shows_the_newest_fiches_their_count_and_the_fiche_list(client, crowded):
    territory, _ = crowded
    heading, cards, links = section(page(client, territory), "Fiches pratiques")
    assert heading.get_text(strip=True) == f"Fiches pratiques ({MORE})"
    newest = FichePage.objects.filter(territories=territory).order_by("-first_published_at")
    assert [card.h3.get_text(strip=True) for card in cards] == [
        fiche.title for fiche in newest[:LIMIT]
    ]
    assert links == [
        (f"Voir les {MORE} fiches de ce territoire", f"/fiches/?territory={territory.slug}")
    ]
    assert client.get(links[0][1]).context["page_obj"].paginator.count == MORE


def test_the_territory_page_shows_the_next_events_and_links_to_the_filtered_calendar(
    client, crowded
):
    territory, _ = crowded
    _, cards, links = section(page(client, territory), "Prochains événements")
    soonest = EventPage.objects.filter(territories=territory, start__gt=timezone.now())
    assert [card.h3.get_text(strip=True) for card in cards] == [
        event.title for event in soonest.order_by("start")[:LIMIT]
    ]
    url = f"/evenements/?territory={territory.slug}"
    assert links == [(f"Voir les {MORE} événements à venir de ce territoire", url)]
    assert client.get(url).context["page_obj"].paginator.count == MORE


def test_the_events_section_links_to_the_territory_s_past_events(client, crowded):
    territory, _ = crowded
    EventPage.objects.filter(territories=territory, start__gt=timezone.now()).delete()
    tree = page(client, territory)
    _, cards, links = section(tree, "Prochains événements")
    assert [card.get_text(strip=True) for card in cards] == [
        "Aucun événement à venir pour ce territoire."
    ]
    assert links == []
    past = tree.find("a", string="Les événements passés de ce territoire")["href"]
    assert past == f"/evenements/passes/?territory={territory.slug}"
    assert client.get(past).context["page_obj"].paginator.count == MORE


def test_the_territory_page_shows_the_newest_resources_and_links_to_the_library(client, crowded):
    territory, _ = crowded
    _, items, links = section(page(client, territory), "Ressources")
    newest = ResourcePage.objects.filter(territories=territory).order_by("-year", "title", "pk")
    assert [item.a.get_text(strip=True) for item in items] == [
        resource.title for resource in newest[:LIMIT]
    ]
    url = f"/ressources/?territory={territory.slug}"
    assert links == [(f"Voir les {MORE} ressources de ce territoire", url)]
    assert client.get(url).context["page_obj"].paginator.count == MORE


def test_members_see_a_few_contacts_and_a_link_to_the_filtered_directory(member_client, crowded):
    territory, _ = crowded
    _, cards, links = section(page(member_client, territory), "Contacts")
    assert [card.h3.get_text(strip=True) for card in cards] == [
        f"Contact {n:02d}" for n in range(LIMIT)
    ]
    url = f"/annuaire/?territory={territory.slug}"
    assert links == [(f"Voir les {MORE} contacts de ce territoire", url)]
    assert member_client.get(url).context["total"] == MORE


def test_a_territory_with_few_items_shows_them_all_without_a_link(client, crowded):
    _, other = crowded
    tree = page(client, other)
    _, cards, links = section(tree, "Fiches pratiques")
    assert len(cards) == 1 and links == []
    assert "Voir les" not in tree.get_text()


def test_more_items_cost_no_more_queries_nor_html(member_client, crowded):
    """The crowded territory's page, then again with twice as many items of each kind: the
    same queries, the same size."""
    territory, _ = crowded
    url = f"/territoires/{territory.slug}/"

    def measure():
        member_client.get(url)  # what a running worker keeps, read again after a publication
        with CaptureQueriesContext(connection) as queries:
            response = member_client.get(url)
        return len(queries), len(response.content)

    before = measure()
    site = site_tree()
    axis = FichePage.objects.filter(territories=territory).first().axis
    for _ in range(MORE):
        FichePageFactory(parent=site.fiches, territories=[territory], axis=axis)
        CoordinatorFactory(territory=territory, name="Zz contact")
    queries, size = measure()
    assert queries == before[0]
    assert abs(size - before[1]) < 20  # the counts gain a digit, nothing more


def test_the_essaimage_section_shows_a_few_reuses_of_each_kind_and_how_many_more(client):
    site = site_tree()
    territory, axis = TerritoryFactory(), AxisFactory()
    for _ in range(MORE):
        elsewhere = FichePageFactory(
            parent=site.fiches, territories=[TerritoryFactory()], axis=axis
        )
        ReuseFactory(fiche=elsewhere, territory=territory)
        own = FichePageFactory(parent=site.fiches, territories=[territory], axis=axis)
        ReuseFactory(fiche=own)
    tree = page(client, territory)
    for heading in ("Pratiques reprises par", "Ses pratiques reprises ailleurs"):
        title = next(h for h in tree.find_all("h3") if h.get_text(strip=True).startswith(heading))
        items = title.find_next_sibling("ul").find_all("li", recursive=False)
        assert len(items) == LIMIT
        assert title.find_next_sibling("p").get_text(strip=True) == f"… et {MORE - LIMIT} autres."
