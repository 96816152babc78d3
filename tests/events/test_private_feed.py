"""Each member's private feed: visio links, a secret token the member can reset."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from events.ical import event_uid
from events.models import CalendarToken
from tests.events.conftest import parse_calendar, vevent_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def private_url(member_client) -> str:
    member_client.get("/evenements/mon-agenda/")
    token = CalendarToken.objects.get(user__username="membre-test")
    return f"/evenements/prive/{token.key}.ics"


def test_the_private_feed_page_shows_the_secret_url(member, member_client):
    response = member_client.get("/evenements/mon-agenda/")
    assert response.status_code == 200
    content = response.content.decode()
    token = CalendarToken.objects.get(user=member)
    assert f"http://testserver/evenements/prive/{token.key}.ics" in content
    assert f"webcal://testserver/evenements/prive/{token.key}.ics" in content
    assert "nouvelle adresse" in content


def test_the_private_feed_carries_the_visio_links(client, member_client, make_event):
    event = make_event(online_url="https://visio.example.org/reunion-privee")
    calendar = parse_calendar(client.get(private_url(member_client)))
    component = vevent_for(calendar, event_uid(event))
    assert "https://visio.example.org/reunion-privee" in str(component["DESCRIPTION"])
    assert str(component["CONFERENCE"]) == "https://visio.example.org/reunion-privee"
    public = client.get("/evenements/calendrier.ics").content
    assert b"reunion-privee" not in public


def test_the_private_feed_refuses_a_wrong_token(client, member_client):
    url = private_url(member_client)
    assert client.get(url).status_code == 200
    assert client.get(url.replace(".ics", "x.ics")).status_code == 404
    assert client.get("/evenements/prive/pas-le-bon-jeton.ics").status_code == 404
    assert client.get("/evenements/prive/%27%3B--.ics").status_code == 404


def test_resetting_the_token_revokes_the_old_url(client, member_client):
    old = private_url(member_client)
    response = member_client.post("/evenements/mon-agenda/")
    assert response.status_code == 302
    new = private_url(member_client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_former_member_loses_the_private_feed(client, member, member_client):
    url = private_url(member_client)
    member.groups.remove(Group.objects.get(name="Membre"))
    assert client.get(url).status_code == 404


def test_the_private_feed_page_is_for_members_only(client, outsider):
    response = client.get("/evenements/mon-agenda/")
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    outsider_client = Client()
    outsider_client.force_login(outsider)
    assert outsider_client.get("/evenements/mon-agenda/").status_code == 403
    assert outsider_client.post("/evenements/mon-agenda/").status_code == 403
    assert not CalendarToken.objects.filter(user=outsider).exists()


def test_the_private_feed_holds_members_only_events(client, member_client, make_event):
    from wagtail.models import PageViewRestriction

    event = make_event(title="Réunion des coordinateurs")
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name="Membre"))
    private = parse_calendar(client.get(private_url(member_client)))
    assert vevent_for(private, event_uid(event)) is not None
    public = parse_calendar(client.get("/evenements/calendrier.ics"))
    assert vevent_for(public, event_uid(event)) is None
