"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

The live server runs in a thread of the test process and reads the committed demo. Most
browser tests only read it: they run in a transaction rolled back at their end, like any other
test (on SQLite the server shares the test's connection, so even a login's session goes with
the rollback). The modules that change data (`pytestmark = pytest.mark.writes`) must commit
for the server to see it: they are transactional, and a transactional test ends by flushing
the database. tests/conftest.py snapshots the demo right after loading it, and those tests
are marked `serialized_rollback=True`: Django restores the snapshot before each (seconds on
each, which is why reading tests avoid it).
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from pytest_django.plugin import blocking_manager_key

from search import indexing
from tests import demo_snapshot
from tests.browser import tools

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
EMPTIED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("writes"):
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            else:
                item.add_marker(pytest.mark.django_db)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before pytest-django's database set-up of the test: the demo snapshot it restores.
    Django restores it into an empty database, which the flush after each transactional test
    leaves; the first one finds the demo as the reading tests left it, and on PostgreSQL the
    live server's own connection commits what they caused (sessions, counts…): it is emptied
    first, once."""
    demo_snapshot.attach(item.config)
    taken = demo_snapshot.KEY in item.config.stash
    if item.get_closest_marker("writes") and taken and not item.config.stash.get(EMPTIED, False):
        with item.config.stash[blocking_manager_key].unblock():
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,  # as Django's own flush between tests: ids keep growing
            )
        item.config.stash[EMPTIED] = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """Before the flush: with the snapshot attached, Django flushes without re-creating content
    types and permissions (post_migrate), which the next restore brings back with their ids."""
    demo_snapshot.attach(item.config)


@pytest.fixture(scope="module", autouse=True)
def _no_indexing_in_test_thread(demo):
    """The browser tests read the demo: the snapshot restored before each test (taken by the
    `demo` fixture) carries the database engine's index already;
    re-sending every restored object to the engines would cost seconds per test. Pausing is
    per thread: what the live server's thread publishes is indexed as usual."""
    with indexing.paused():
        yield


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the tests of one module.

    Playwright's sync API keeps an asyncio loop running in the test thread, and Django then
    refuses ORM calls from that thread (SynchronousOnlyOperation), pytest-django's own
    restore and flush around each test included. Those calls never run concurrently with
    the loop's work (the live server answers from its own thread), so the check is lifted
    while the browser runs, and only then: the module scope keeps it out of other tests.
    """
    chromium = tools.chromium_path()
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), headless=True, args=["--no-sandbox"]
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _screenshot_name(request) -> str:
    return re.sub(r"[^\w.-]+", "_", request.node.name).strip("_") + ".png"


def _open_page(browser, request, **context_options):
    context = browser.new_context(locale="fr-FR", accept_downloads=True, **context_options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=SCREENSHOTS / _screenshot_name(request), full_page=True)
    finally:
        context.close()


@pytest.fixture
def server(request):
    """pytest-django's live server (one per session), asked for by name when the test runs: a
    test whose fixtures name `live_server` is made transactional by pytest-django, which the
    reading tests do not need (the tests marked `writes` are transactional anyway)."""
    return request.getfixturevalue("live_server")


@pytest.fixture
def page(browser, server, request):
    """A fresh browser tab; its last page is saved under var/screenshots/ (CI artifact)."""
    yield from _open_page(browser, request)


@pytest.fixture
def audit_page(browser, server, request):
    """For axe: its script is injected inline, which the site's Content-Security-Policy forbids."""
    yield from _open_page(browser, request, bypass_csp=True)


@pytest.fixture
def page_without_js(browser, server, request):
    yield from _open_page(browser, request, java_script_enabled=False)


@pytest.fixture
def narrow_page(browser, server, request):
    """320 CSS pixels wide: a 1280 px screen zoomed to 400 % (WCAG 1.4.10, RGAA 10.11)."""
    yield from _open_page(browser, request, viewport={"width": 320, "height": 640})


@pytest.fixture
def url(server):
    def build(path: str) -> str:
        return server.url + path

    return build
