import datetime
import html

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Kind
from events.models.registrations import Registration
from tests.conftest import make_user
from tests.factories.events import EventPageFactory


def text(response) -> str:
    return html.unescape(response.content.decode())


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def register(event, user, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(
        event=event, user=user, status=status, queued_at=timezone.now()
    )


def finished_event(site_tree, *, days_ago=1, kind=Kind.PLENIERE, **values):
    end = timezone.now() - datetime.timedelta(days=days_ago)
    return EventPageFactory(
        parent=site_tree.events,
        kind=kind,
        start=end - datetime.timedelta(hours=2),
        end=end,
        **values,
    )


@pytest.fixture
def participant(db):
    return make_user("participante", "Membre", email="participante@example.org", first_name="Léa")
