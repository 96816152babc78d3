"""One occurrence, one identity: what « Ajouter à mon agenda » downloads is the event the
subscription feed holds (same UID, and for an occurrence of a series the same
RECURRENCE-ID), so a calendar that has both keeps one entry, and the feed updates it."""

from datetime import date, datetime, time

import icalendar
import pytest

from events.ical import event_uid
from events.models import CalendarToken, EventPage, EventSeriesPage
from events.registrations.services import registration_register
from tests.conftest import make_user
from tests.events.conftest import PARIS, publish
from tests.icaljs import read_calendars

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def ics_url(page) -> str:
    return page.url.rstrip("/") + ".ics"


def identity(event) -> tuple[str, datetime | None]:
    """(UID, RECURRENCE-ID) the feed gives an event: its series' and its rule date's, or its own."""
    if event.series_id:
        original = datetime.combine(event.occurrence_date, event.series.start_time, tzinfo=PARIS)
        return event_uid(event.series), original
    return event_uid(event), None


@pytest.fixture
def private_feed(member_client):
    member_client.get("/evenements/mon-agenda/")
    token = CalendarToken.objects.get(user__username="membre-test")
    return f"/evenements/prive/{token.key}.ics"


@pytest.fixture
def events_and_series(make_series):
    """The demo's events and mensuelle, plus a series with a cancelled and a moved occurrence."""
    series = make_series(
        weekday=EventSeriesPage.Weekday.MARDI,
        week_of_month=EventSeriesPage.WeekOfMonth.FIRST,
        first_date=date(2025, 1, 1),
        until=date(2025, 6, 30),
        start_time=time(9, 30),
        end_time=time(11, 0),
        exceptions=[
            {"original_date": date(2025, 3, 4), "new_date": date(2025, 3, 6)},
            {
                "original_date": date(2025, 4, 1),
                "new_start_time": time(14, 0),
                "new_end_time": time(15, 30),
            },
            {"original_date": date(2025, 5, 6)},
        ],
    )
    cancelled = EventPage.objects.get(series=series, occurrence_date=date(2025, 2, 4))
    cancelled.cancelled = True
    publish(cancelled)
    events = list(EventPage.objects.live().select_related("series").order_by("start"))
    assert sum(1 for event in events if event.series_id == series.pk) == 5
    return events, list(EventSeriesPage.objects.live())


def test_every_download_is_the_feeds_event_under_the_same_identity(
    member_client, private_feed, events_and_series
):
    events, series = events_and_series
    assert any(event.series_id for event in events) and any(not e.series_id for e in events)
    responses = [member_client.get(private_feed)]
    responses += [member_client.get(ics_url(page)) for page in [*events, *series]]
    assert {response.status_code for response in responses} == {200}
    feed, *downloads = read_calendars(*(response.content for response in responses))
    in_feed = {(o["uid"], o["recurrenceId"]): o for o in feed["occurrences"]}
    fields = ("start", "end", "status")
    for event, download in zip(events, downloads, strict=False):
        (occurrence,) = download["occurrences"]
        key = (occurrence["uid"], occurrence["recurrenceId"])
        assert key == identity(event), event.url
        assert {f: occurrence[f] for f in fields} == {f: in_feed[key][f] for f in fields}
        assert occurrence["start"] == event.start and occurrence["end"] == event.end
        assert occurrence["status"] == ("CANCELLED" if event.cancelled else "CONFIRMED")
    for one, download in zip(series, downloads[len(events) :], strict=True):
        found = {(o["uid"], o["recurrenceId"]): o for o in download["occurrences"]}
        assert found
        for key, occurrence in found.items():
            assert key[0] == event_uid(one)
            assert {f: occurrence[f] for f in fields} == {f: in_feed[key][f] for f in fields}


def test_an_occurrence_download_names_its_series_and_rule_date(client, mensuelle):
    moved = EventPage.objects.get(series=mensuelle, occurrence_date=date(2024, 5, 9))
    response = client.get(ics_url(moved))
    (component,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(component["UID"]) == event_uid(mensuelle)
    assert component.decoded("RECURRENCE-ID") == datetime(2024, 5, 9, 14, 0, tzinfo=PARIS)
    assert component.decoded("DTSTART") == datetime(2024, 5, 16, 14, 0, tzinfo=PARIS)
    assert b"RECURRENCE-ID;TZID=Europe/Paris:20240509T140000" in response.content


def test_the_confirmation_email_of_an_occurrence_carries_the_feeds_identity(
    mensuelle, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = EventPage.objects.get(series=mensuelle, occurrence_date=date(2026, 12, 10))
    occurrence.registration_enabled = True
    occurrence = publish(occurrence)
    member = make_user("paula", "Membre", email="paula@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(event=occurrence, user=member)
    (mail,) = mailoutbox
    (component,) = icalendar.Calendar.from_ical(mail.attachments[0][1]).walk("VEVENT")
    assert str(component["UID"]) == event_uid(mensuelle)
    assert component.decoded("RECURRENCE-ID") == datetime(2026, 12, 10, 14, 0, tzinfo=PARIS)
