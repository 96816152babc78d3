"""No .ics answers 500, whatever the date: 29 February, the 31st, the days the clocks change.

Each case is read back twice: by the icalendar library, and by Mozilla's ical.js applying
the file's own VTIMEZONE (tests/icaljs.py); both must give the instants zoneinfo gives.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from events.ical import event_uid
from events.models import CalendarToken, EventPage, EventSeriesPage
from kb.models import Territory
from tests.events.conftest import PARIS, paris, parse_calendar, vevents
from tests.factories.kb import TerritoryFactory
from tests.icaljs import read_calendars

pytestmark = pytest.mark.django_db


def ics_url(page) -> str:
    return page.url.rstrip("/") + ".ics"


def feed_urls(member_client, *, kind: str, territory: Territory) -> list[str]:
    member_client.get("/evenements/mon-agenda/")
    token = CalendarToken.objects.get(user__username="membre-test")
    return [
        "/evenements/calendrier.ics",
        f"/evenements/calendrier/{kind}.ics",
        f"/evenements/territoires/{territory.slug}.ics",
        f"/evenements/prive/{token.key}.ics",
    ]


def fetch_all(client, member_client, urls: list[str]) -> list[bytes]:
    """Each URL answers a calendar that the icalendar library reads (never a 500)."""
    bodies = []
    for url in urls:
        browser = member_client if "/prive/" in url else client
        calendar = parse_calendar(browser.get(url))  # asserts 200 and text/calendar
        assert vevents(calendar), url
        bodies.append(calendar.to_ical())
    return bodies


def test_the_webinar_of_29_february_downloads(client, make_event):
    """The crawler found this 500 on the demo's webinar (a date moved by whole years)."""
    event = make_event(
        start=paris(2024, 2, 29, 10, 0), slug="webinaire-2024-02-29", kind=EventPage.Kind.WEBINAIRE
    )
    response = client.get("/evenements/webinaire-2024-02-29.ics")
    (component,) = vevents(parse_calendar(response))
    assert component.decoded("DTSTART") == event.start


ODD_STARTS = [
    paris(2024, 2, 29, 10, 0),  # a leap day
    paris(2028, 2, 29, 23, 30),  # a leap day, late: still 29 February in UTC
    paris(2025, 1, 1, 0, 30),  # New Year's first hour: 31 December in UTC
    paris(2024, 12, 31, 23, 30),  # the year's last hour
    paris(2024, 1, 31, 10, 0),  # a 31st
    paris(2024, 3, 31, 1, 30),  # spring forward, before the switch
    paris(2024, 3, 31, 3, 30),  # spring forward, after the switch
    paris(2024, 10, 27, 1, 30),  # fall back, before (summer time)
    paris(2024, 10, 27, 2, 30),  # fall back, the first 2 h 30
    paris(2024, 10, 27, 2, 30, fold=1),  # fall back, the second 2 h 30
    paris(2024, 10, 27, 3, 30),  # fall back, after (winter time)
    paris(2030, 3, 31, 10, 0),  # the switch day of 2030
]


@pytest.mark.parametrize("start", ODD_STARTS, ids=lambda moment: moment.isoformat())
def test_an_event_on_an_odd_date_is_in_every_calendar(client, member_client, make_event, start):
    territory = TerritoryFactory()
    event = make_event(
        start=start,
        end=start + timedelta(hours=25),  # across midnight, and across the switch on its day
        kind=EventPage.Kind.ATELIER,
        territories=[territory],
    )
    urls = [ics_url(event), *feed_urls(member_client, kind="atelier", territory=territory)]
    bodies = fetch_all(client, member_client, urls)
    expected = (start.astimezone(UTC), (start + timedelta(hours=25)).astimezone(UTC))
    for calendar in read_calendars(*bodies):
        (found,) = [o for o in calendar["occurrences"] if o["uid"] == event_uid(event)]
        assert (found["start"], found["end"]) == expected, calendar["name"]


def paris_instant(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=PARIS).astimezone(UTC)


SERIES = {
    # last Thursday from 29 February 2024: every occurrence is a 31st, a 30th, a 29th…
    "dernier-jeudi-29-fevrier": {
        "weekday": EventSeriesPage.Weekday.JEUDI,
        "week_of_month": EventSeriesPage.WeekOfMonth.LAST,
        "first_date": date(2024, 2, 29),
        "until": date(2025, 2, 28),
        "start_time": time(23, 30),
        "end_time": time(23, 59),
        "exceptions": [
            {"original_date": date(2024, 10, 31), "new_date": date(2028, 2, 29)},
            {"original_date": date(2024, 5, 30), "new_end_time": time(23, 45)},
            {"original_date": date(2024, 6, 27)},  # skipped
        ],
    },
    # last Sunday from a 31st: the days the clocks change, right after the switch hour;
    # moved into the hour that exists twice, and to the day before
    "dernier-dimanche-changement-d-heure": {
        "weekday": EventSeriesPage.Weekday.DIMANCHE,
        "week_of_month": EventSeriesPage.WeekOfMonth.LAST,
        "first_date": date(2024, 1, 31),
        "until": date(2025, 3, 31),
        "start_time": time(3, 0),
        "end_time": time(4, 30),
        "exceptions": [
            {
                "original_date": date(2024, 10, 27),
                "new_start_time": time(2, 30),
                "new_end_time": time(4, 0),
            },
            {"original_date": date(2024, 3, 31), "new_date": date(2024, 3, 30)},
        ],
    },
}


@pytest.mark.parametrize("name", SERIES)
def test_a_series_on_odd_dates_is_in_every_calendar(client, member_client, make_series, name):
    territory = TerritoryFactory()
    fields = dict(SERIES[name])
    series = make_series(slug=name, territories=[territory], **fields)
    occurrences = list(EventPage.objects.live().filter(series=series).order_by("start"))
    assert occurrences
    urls = [
        ics_url(series),
        *(ics_url(occurrence) for occurrence in occurrences),
        *feed_urls(member_client, kind="atelier", territory=territory),
    ]
    bodies = fetch_all(client, member_client, urls)
    # A time that does not exist (02:30 on the spring-forward Sunday) is read with the
    # offset before the gap, a time that exists twice as its first instant (RFC 5545),
    # as zoneinfo does with fold=0.
    exceptions = {exception["original_date"]: exception for exception in fields["exceptions"]}
    expected = {}
    for occurrence in occurrences:
        exception = exceptions.get(occurrence.occurrence_date, {})
        day = exception.get("new_date") or occurrence.occurrence_date
        start = exception.get("new_start_time") or fields["start_time"]
        end = exception.get("new_end_time") or fields["end_time"]
        original = paris_instant(occurrence.occurrence_date, fields["start_time"])
        expected[original] = (paris_instant(day, start), paris_instant(day, end))
    assert date(2024, 6, 27) not in {o.occurrence_date for o in occurrences}
    calendars = read_calendars(*bodies)
    for calendar in [calendars[0], *calendars[len(occurrences) + 1 :]]:  # series and feeds
        found = {
            o["recurrenceId"]: (o["start"], o["end"])
            for o in calendar["occurrences"]
            if o["uid"] == event_uid(series)
        }
        assert found == expected, calendar["name"]
    for occurrence, calendar in zip(occurrences, calendars[1:], strict=False):
        (found,) = calendar["occurrences"]
        assert found["uid"] == event_uid(series)
        assert found["recurrenceId"] == paris_instant(occurrence.occurrence_date, series.start_time)
        assert (found["start"], found["end"]) == expected[found["recurrenceId"]]
