import html

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import make_user
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.kb import (
    AxisFactory,
    FicheIndexPageFactory,
    FichePageFactory,
    TerritoryFactory,
    site_home,
)
from tests.search.conftest import engine  # noqa: F401 (each search test on both engines)


def text(response) -> str:
    """The page as a reader sees it (entities decoded)."""
    return html.unescape(response.content.decode())


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def asker(db):
    return make_user("demandeuse", "Membre", email="demandeuse@example.org", first_name="Alice")


@pytest.fixture
def helper(db):
    return make_user("aidant", "Membre", email="aidant@example.org", first_name="Bruno")


@pytest.fixture
def animator_user(db):
    return make_user("animatrice", "Animateur", email="animatrice@example.org")


@pytest.fixture
def territory(db):
    return TerritoryFactory()


@pytest.fixture
def axis(db):
    return AxisFactory()


@pytest.fixture
def fiche(db, territory):
    return FichePageFactory(
        parent=FicheIndexPageFactory(parent=site_home()), territories=[territory]
    )


@pytest.fixture
def mensuelle(db):
    """The next Mensuelle occurrence (tomorrow)."""
    index = EventIndexPageFactory(parent=site_home())
    start = (timezone.now() + timezone.timedelta(hours=20)).replace(microsecond=0)
    return EventPageFactory(parent=index, kind="mensuelle", title="Mensuelle d'essai", start=start)


def question_data(axis, territory, **extra) -> dict:
    return {
        "title": "Comment financer un médiateur ?",
        "body": "Nous cherchons des **cofinancements**.",
        "axis": axis.pk,
        "territories": [territory.pk],
        **extra,
    }
