import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from search import indexing
from tests import demo_snapshot
from tests.factories.site import site_tree as build_site_tree


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The search indexes start as empty as the database (Elasticsearch's index outlives the
    test database: it may hold an earlier session's documents)."""
    with django_db_blocker.unblock():
        indexing.rebuild()


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker, request):
    """The demo content (`load_demo`), for the tests that read it (`pytest.mark.usefixtures(
    "demo")`: the browser, accessibility and crawl tests, and the modules not yet building their
    own data). Loaded once, when the first of them runs, and committed: they run after the
    other tests (`pytest_collection_modifyitems`), which see the database as the migrations
    leave it and build what they need (tests/factories). A transactional test (the browser
    tests) ends by flushing the database: the demo is snapshotted here, so that
    `serialized_rollback=True` gives it back to such a test."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, with_accounts=True)
        demo_snapshot.take(request.config)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests with their own data first, then those that read the demo, the transactional ones
    (which flush the database after each test) last; otherwise pytest-django's order."""

    def order(item) -> int:
        if "demo" not in item.fixturenames:
            return 0
        marker = item.get_closest_marker("django_db")
        return 2 if marker is not None and marker.kwargs.get("transaction") else 1

    items.sort(key=order)


@pytest.fixture
def site_tree(db):
    """The home page and its lists (tests/factories/site.py), for tests without the demo."""
    return build_site_tree()


def make_user(username: str, group: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password="motdepasse-test", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def member(db):
    return make_user("membre-test", "Membre")


@pytest.fixture
def outsider(db):
    """Signed in, but in no community group."""
    return make_user("externe-test")


@pytest.fixture
def animator(db):
    """An animator as the site makes them: in the Animateur group, with its permissions only
    (kb migrations 0002 and 0004, directory 0002), not a superuser."""
    return make_user("animateur-test", "Animateur")


@pytest.fixture
def member_client(member):
    """A second browser, signed in as a member (the `client` fixture stays anonymous)."""
    member_browser = Client()
    member_browser.force_login(member)
    return member_browser


@pytest.fixture(autouse=True)
def fresh_shared_cache():
    """The default cache holds what every process shares (login and reset counters, the
    search circuit breaker, the page version): a rolled-back test leaves it behind, so each
    test starts and ends with it empty. (The per-worker copies are off in the tests.)"""
    cache.clear()
    yield
    cache.clear()
