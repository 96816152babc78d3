import pytest
from django.test import Client

from tests.conftest import make_user


@pytest.fixture
def animator_group_user(db):
    """An animator through the Animateur group only (no superuser, no staff flag)."""
    return make_user("animatrice-groupe", "Animateur")


@pytest.fixture
def animator_client(animator_group_user):
    browser = Client()
    browser.force_login(animator_group_user)
    return browser
