import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from tests import demo_snapshot


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The demo content is loaded once per session; each test runs in a rolled-back transaction.

    A transactional test (the browser tests) ends by flushing the database: the demo is
    snapshotted here, so that `serialized_rollback=True` gives it back to such a test."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, with_accounts=True)
        demo_snapshot.take(request.config)


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
