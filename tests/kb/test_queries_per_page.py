"""Every page reads a bounded number of SQL queries, whatever the size of the content.

Counted as `bench/measure.py queries` counts them: the second of two requests (the first
fills the per-process copies any running worker has), without the anonymous page cache.
"""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from directory.models import Coordinator
from events.models import EventPage
from feedback.services import pending as usage_counts
from kb.models import FichePage
from resources.models import RecordingPage, ResourcePage

pytestmark = pytest.mark.usefixtures("demo")

MAX_QUERIES = 15
COPIES = 12


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.startswith("infra.page_cache")]


@pytest.fixture(autouse=True)
def usage_written_later(settings):
    """Usage counts wait in the process's memory, as in production (README « Mesure
    d'audience »): a page view costs no query; written at the end."""
    settings.TZNR_USAGE_FLUSH_SECONDS = 10**9
    yield
    usage_counts.write()


@pytest.fixture(autouse=True)
def worker_copies(settings):
    """Each worker's copies (kb.site_cache, facet labels) on, as in production, empty at
    the start of the test (the test settings keep none)."""
    settings.CACHES = {
        **settings.CACHES,
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "q"},
    }
    caches["local"].clear()
    yield
    caches["local"].clear()


def page_urls(*, member: bool) -> list[str]:
    fiche = FichePage.objects.live().public().order_by("pk").first()
    recording = RecordingPage.objects.live().public().order_by("pk").first()
    past_event = (
        EventPage.objects.live().public().filter(start__lt=timezone.now()).order_by("pk").first()
    )
    urls = [
        "/",
        "/fiches/",
        fiche.url,
        "/fiches/?axis=aller-vers",
        "/recherche/?q=droits&kind=fiche",
        "/evenements/",
        past_event.url,
        "/ressources/",
        recording.url,
        "/territoires/",
        "/territoires/grenoble/",
    ]
    return [*urls, "/annuaire/"] if member else urls


def queries_per_page(client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured)
    return counts


def copy_pages(pages, *, copies: int) -> None:
    """Publish `copies` copies of each page beside it (same type, relations and privacy)."""
    for page in pages:
        for number in range(copies):
            page.copy(
                to=page.get_parent(),
                update_attrs={"slug": f"{page.slug}-copie-{number}", "title": page.title},
                keep_live=True,
                copy_revisions=False,
            )


def grow_content() -> None:
    """More of everything each page lists: fiches, events (upcoming and past), resources
    (public and members-only), recordings, directory entries."""
    now = timezone.now()
    copy_pages([FichePage.objects.live().first()], copies=COPIES)
    copy_pages(
        [
            EventPage.objects.live().filter(start__gte=now).first(),
            EventPage.objects.live().filter(start__lt=now, series__isnull=True).first(),
        ],
        copies=COPIES,
    )
    resources = list(ResourcePage.objects.live())
    restricted = next(page for page in resources if page.get_view_restrictions())
    public = next(page for page in resources if not page.get_view_restrictions())
    copy_pages([restricted, public], copies=COPIES)
    copy_pages([RecordingPage.objects.live().first()], copies=COPIES)
    entry = Coordinator.objects.filter(territory__slug="grenoble").first()
    for number in range(COPIES):
        entry.pk = None
        entry.name = f"Personne copiée {number}"
        entry.save()


@pytest.mark.parametrize("audience", ["anonymous", "member"])
def test_every_page_reads_at_most_15_queries_and_no_more_with_more_content(
    audience, client, member
):
    assert not any(m.startswith("infra.page_cache") for m in settings.MIDDLEWARE)
    if audience == "member":
        client.force_login(member)
    urls = page_urls(member=audience == "member")
    pages_before = Page.objects.count()
    before = queries_per_page(client, urls)

    grow_content()
    assert Page.objects.count() >= pages_before + 6 * COPIES
    after = queries_per_page(client, urls)

    assert {url: n for url, n in after.items() if n > MAX_QUERIES} == {}
    assert after == before
