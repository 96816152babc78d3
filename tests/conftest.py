import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

from search.engines import facet_matrix
from tests import demo_snapshot


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The demo content is loaded once per session; each test runs in a rolled-back transaction.

    A transactional test (the browser tests) ends by flushing the database: the demo is
    snapshotted here, so that `serialized_rollback=True` gives it back to such a test."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, with_accounts=True)
        demo_snapshot.take(request.config)


@pytest.fixture(autouse=True)
def _fresh_facet_matrix():
    """Each test's rollback (or a browser test's flush and restore) changes the search entries
    without a write going through the engine: the next test must not reuse this matrix."""
    facet_matrix.forget()
    yield
    facet_matrix.forget()


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
    """Exactly the Animateur group's permissions, as a real animator has."""
    return make_user("animateur-test", "Animateur")


@pytest.fixture
def member_client(member):
    """A second browser, signed in as a member (the `client` fixture stays anonymous)."""
    member_browser = Client()
    member_browser.force_login(member)
    return member_browser


@pytest.fixture(autouse=True)
def fresh_process_caches():
    """Per-process copies (site, menus, facet labels) are cleared on save, but a rolled-back
    test sends no signal: each test starts without them, and with an empty default cache
    (login and reset counters, circuit breakers)."""
    from django.core.cache import cache

    from kb.site_cache import forget_all
    from search.facets import clear_facet_labels

    forget_all()
    clear_facet_labels()
    cache.clear()
    yield
    forget_all()
    clear_facet_labels()
    cache.clear()
