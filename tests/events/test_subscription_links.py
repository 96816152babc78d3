"""The calendar offers a subscription only to a feed that holds events (issue 15, item 4):
an empty feed keeps answering, it is just not offered."""

import pytest

from events.models import Kind
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def test_no_subscription_is_offered_while_the_calendar_is_empty(client, site_tree):
    empty = client.get("/evenements/").content.decode()
    assert "webcal://" not in empty and "calendrier.ics" not in empty
    assert client.get("/evenements/calendrier.ics").status_code == 200

    EventPageFactory(parent=site_tree.events, kind=Kind.WEBINAIRE)
    content = client.get("/evenements/").content.decode()
    assert "webcal://testserver/evenements/calendrier.ics" in content
    assert "/evenements/calendrier/webinaire.ics" in content
    assert "/evenements/calendrier/atelier.ics" not in content


def test_a_member_keeps_the_private_calendar_link_on_an_empty_calendar(member_client, site_tree):
    content = member_client.get("/evenements/").content.decode()
    assert "Mon agenda privé" in content and "webcal://" not in content
