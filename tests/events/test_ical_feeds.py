"""The iCalendar feeds, read back with the icalendar library (RFC 5545)."""

import pytest
from django.contrib.auth.models import Group

from events.ical import event_uid
from events.models import EventPage
from kb.models import Territory
from tests.events.conftest import parse_calendar, publish, vevent_for, vevents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_full_feed_holds_one_off_events_and_the_mensuelle_series(client, mensuelle):
    calendar = parse_calendar(client.get("/evenements/calendrier.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "Agenda de la communauté TZNR" in str(calendar["X-WR-CALNAME"])
    uids = [str(component["UID"]) for component in vevents(calendar)]
    one_off = EventPage.objects.live().public().filter(series__isnull=True)
    assert {event_uid(event) for event in one_off} <= set(uids)
    assert event_uid(mensuelle) in uids
    # occurrences travel inside their series, not as separate events
    occurrence = EventPage.objects.filter(series=mensuelle).first()
    assert event_uid(occurrence) not in uids


def test_events_carry_paris_times_a_vtimezone_and_a_url_back_to_their_page(client, make_event):
    event = make_event(title="Plénière de printemps")
    calendar = parse_calendar(client.get("/evenements/calendrier.ics"))
    component = vevent_for(calendar, event_uid(event))
    assert component is not None
    assert component["DTSTART"].params["TZID"] == "Europe/Paris"
    assert component.decoded("DTSTART") == event.start
    assert component.decoded("DTEND") == event.end
    assert str(component["URL"]) == f"http://testserver{event.url}"
    assert str(component["STATUS"]) == "CONFIRMED"
    assert str(component["SUMMARY"]) == "Plénière de printemps"
    timezones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert timezones == ["Europe/Paris"]
    assert b"DTSTART;TZID=Europe/Paris:" in client.get("/evenements/calendrier.ics").content


def test_uids_stay_the_same_across_fetches_and_edits(client, make_event):
    event = make_event()
    uid = event_uid(event)
    first = client.get("/evenements/calendrier.ics").content
    assert client.get("/evenements/calendrier.ics").content == first
    event.title = "Titre corrigé"
    event.place = "Lyon"
    event = publish(event)
    calendar = parse_calendar(client.get("/evenements/calendrier.ics"))
    component = vevent_for(calendar, uid)
    assert component is not None
    assert str(component["SUMMARY"]) == "Titre corrigé"
    assert [str(c["UID"]) for c in vevents(calendar)].count(uid) == 1


def test_sequence_goes_up_when_an_event_changes_and_only_then(client, make_event):
    event = make_event()
    uid = event_uid(event)

    def sequence():
        component = vevent_for(parse_calendar(client.get("/evenements/calendrier.ics")), uid)
        return int(component["SEQUENCE"])

    assert sequence() == 0
    event.start = event.start.replace(hour=(event.start.hour + 1) % 20)
    event.end = event.start.replace(hour=event.start.hour + 2)
    event = publish(event)
    assert sequence() == 1
    publish(event)  # published again without change
    assert sequence() == 1
    event.cancelled = True
    publish(event)
    assert sequence() == 2


def test_a_cancelled_event_is_status_cancelled(client, make_event):
    event = make_event(cancelled=True)
    component = vevent_for(
        parse_calendar(client.get("/evenements/calendrier.ics")), event_uid(event)
    )
    assert str(component["STATUS"]) == "CANCELLED"


def test_the_public_feeds_never_carry_the_visio_link(client, make_event):
    make_event(online_url="https://visio.example.org/secret-pleniere", mode="distanciel")
    for url in ["/evenements/calendrier.ics", "/evenements/calendrier/pleniere.ics"]:
        response = client.get(url)
        assert response.status_code == 200
        assert b"secret-pleniere" not in response.content
    assert b"visio.example.org" not in client.get("/evenements/calendrier.ics").content


def test_the_feed_of_a_kind_holds_that_kind_only(client, make_event):
    webinar = make_event(kind=EventPage.Kind.WEBINAIRE)
    atelier = make_event(kind=EventPage.Kind.ATELIER)
    calendar = parse_calendar(client.get("/evenements/calendrier/atelier.ics"))
    uids = {str(component["UID"]) for component in vevents(calendar)}
    assert event_uid(atelier) in uids
    assert event_uid(webinar) not in uids
    assert all(str(c["CATEGORIES"].cats[0]) == "Atelier" for c in vevents(calendar))


def test_the_feed_of_a_territory_holds_its_events(client, make_event):
    grenoble = Territory.objects.get(slug="grenoble")
    local = make_event(territories=[grenoble])
    other = make_event()
    calendar = parse_calendar(client.get("/evenements/territoires/grenoble.ics"))
    uids = {str(component["UID"]) for component in vevents(calendar)}
    assert uids == {event_uid(local)}
    assert event_uid(other) not in uids


def test_unknown_feeds_are_404(client):
    assert client.get("/evenements/calendrier/conference.ics").status_code == 404
    assert client.get("/evenements/territoires/atlantide.ics").status_code == 404
    assert client.get("/evenements/inexistant.ics").status_code == 404
    assert client.get("/evenements/mensuelle-tznr/1999-01-01.ics").status_code == 404


def test_an_event_ics_is_an_attachment_with_that_event_only(client, make_event):
    event = make_event()
    response = client.get(event.url.rstrip("/") + ".ics")
    assert response["Content-Disposition"].startswith("attachment;")
    calendar = parse_calendar(response)
    assert [str(c["UID"]) for c in vevents(calendar)] == [event_uid(event)]
    assert calendar.walk("VTIMEZONE")


def test_a_members_only_event_is_not_in_public_feeds(client, make_event):
    from wagtail.models import PageViewRestriction

    event = make_event()
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name="Membre"))
    assert event_uid(event).encode() not in client.get("/evenements/calendrier.ics").content
    assert client.get(event.url.rstrip("/") + ".ics").status_code == 404


def test_a_feed_without_events_is_not_offered_but_still_answers(client, make_event):
    assert not EventPage.objects.filter(kind=EventPage.Kind.ATELIER).exists()
    atelier_feed = "webcal://testserver/evenements/calendrier/atelier.ics"
    page = client.get("/evenements/").content.decode()
    assert "/evenements/calendrier/atelier.ics" not in page
    assert "/evenements/calendrier/webinaire.ics" in page
    assert atelier_feed not in client.get("/evenements/", {"kind": "atelier"}).content.decode()
    calendar = parse_calendar(client.get("/evenements/calendrier/atelier.ics"))
    assert vevents(calendar) == []

    lonely = Territory.objects.exclude(events__isnull=False).order_by("numero").first()
    filtered = client.get("/evenements/", {"territory": lonely.slug}).content.decode()
    assert f"/evenements/territoires/{lonely.slug}.ics" not in filtered
    assert vevents(parse_calendar(client.get(f"/evenements/territoires/{lonely.slug}.ics"))) == []

    make_event(kind=EventPage.Kind.ATELIER, territories=[lonely])
    assert "/evenements/calendrier/atelier.ics" in client.get("/evenements/").content.decode()
    filtered = client.get("/evenements/", {"territory": lonely.slug}).content.decode()
    assert f"webcal://testserver/evenements/territoires/{lonely.slug}.ics" in filtered
