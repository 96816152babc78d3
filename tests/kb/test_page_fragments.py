"""The fiche list's cards, the calendar's grid and event lists are kept per worker (template
fragments keyed on the shared page version and the audience), and so are the library's facet
counts and pages of rows, the fiche count and a territory's newest fiches: the pages come out
exactly as rendered without them, read fewer queries, and a publication shows at once."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.models import FichePage
from resources.models import ResourcePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

URLS = [
    "/fiches/",
    "/fiches/?page=2",
    "/fiches/?axis=aller-vers",
    "/evenements/",
    "/evenements/passes/",
    "/evenements/2026/03/",
    "/evenements/2024/05/",
    "/ressources/",
    "/ressources/?axis=aller-vers&kind=enregistrement",
    "/territoires/grenoble/",
]


@pytest.fixture
def uncached_pages(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.startswith("infra.page_cache")]


def with_worker_copies(settings):
    """The per-worker cache on, as in production (the test settings keep none)."""
    settings.CACHES = {
        **settings.CACHES,
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "f"},
    }
    caches["local"].clear()


def render(browser, url) -> tuple[str, int]:
    """The page (its CSRF token, masked anew each time, left out) and its queries."""
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200, url
    page = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1…", response.content.decode())
    return page, len(queries)


@pytest.mark.parametrize("audience", ["anonymous", "member"])
def test_kept_fragments_give_the_same_pages_with_fewer_queries(
    audience, client, member_client, settings, uncached_pages
):
    browser = member_client if audience == "member" else client
    for url in URLS:
        browser.get(url)  # the session and the menus, read once
    without = {url: render(browser, url) for url in URLS}

    with_worker_copies(settings)
    try:
        for url in URLS:
            first, _ = render(browser, url)
            kept, queries = render(browser, url)
            assert first == without[url][0], url
            assert kept == without[url][0], url
            assert queries < without[url][1], url
    finally:
        caches["local"].clear()


def test_a_publication_shows_at_once(
    client, settings, uncached_pages, django_capture_on_commit_callbacks
):
    with_worker_copies(settings)
    try:
        newest = FichePage.objects.live().public().order_by("title").first()
        before = render(client, "/fiches/")[0]
        assert newest.title in before
        count = int(re.search(r'<p role="status">(\d+) fiches', before).group(1))
        with django_capture_on_commit_callbacks(execute=True):
            newest.unpublish()
        after = render(client, "/fiches/")[0]
        assert newest.title not in after
        assert f'<p role="status">{count - 1} fiches' in after
    finally:
        caches["local"].clear()


def test_a_publication_shows_at_once_in_the_library_counts(
    client, settings, uncached_pages, django_capture_on_commit_callbacks
):
    with_worker_copies(settings)
    try:
        resource = ResourcePage.objects.live().public().order_by("title").first()
        url = f"/ressources/?kind={resource.kind}"
        before = render(client, url)[0]
        count = int(re.search(r"<strong>(\d+)</strong> ressource", before).group(1))
        assert render(client, url)[0] == before  # kept
        with django_capture_on_commit_callbacks(execute=True):
            resource.unpublish()
        after = render(client, url)[0]
        assert int(re.search(r"<strong>(\d+)</strong> ressource", after).group(1)) == count - 1
    finally:
        caches["local"].clear()
