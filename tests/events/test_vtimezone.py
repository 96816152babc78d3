"""The Europe/Paris VTIMEZONE reads the same in every client as in the tz database.

ical.js (Thunderbird's parser) applies the VTIMEZONE it finds in the file: it read only the
first date of the former multi-date RDATE, so summer events of later years came out one
hour late. Every occurrence of 2024–2030, on both sides of each switch, is checked here
against zoneinfo: in the feeds (public, per type, private) and in each single download.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil.relativedelta import SU, relativedelta

from events.ical import event_uid, paris_vtimezone
from events.models import CalendarToken, EventPage, EventSeriesPage, Kind
from tests.events.conftest import PARIS
from tests.icaljs import read_calendars

pytestmark = pytest.mark.django_db

YEARS = range(2024, 2031)


def switch_days() -> list[date]:
    """The last Sundays of March and October: the days the clocks change."""
    return [
        date(year, month, 1) + relativedelta(day=31, weekday=SU(-1))
        for year in YEARS
        for month in (3, 10)
    ]


def instant(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=PARIS).astimezone(UTC)


def test_the_switch_days_are_where_zoneinfo_changes_the_offset():
    for day in switch_days():
        before, after = instant(day, time(1, 30)), instant(day, time(3, 30))
        assert before.astimezone(PARIS).utcoffset() != after.astimezone(PARIS).utcoffset()


def test_the_vtimezone_rules_give_the_offsets_of_the_tz_database():
    """icalendar's reading of our rules, hour by hour around every switch of 2024–2030."""
    rules = paris_vtimezone().to_tz()
    for day in switch_days():
        start = instant(day, time(0, 0)) - timedelta(hours=3)
        for hour in range(8):
            moment = start + timedelta(hours=hour)
            assert moment.astimezone(rules).utcoffset() == moment.astimezone(PARIS).utcoffset()


def test_the_vtimezone_is_two_yearly_rules(client, make_event):
    event = make_event(start=datetime(2024, 2, 29, 10, tzinfo=PARIS))
    body = client.get(event.url.rstrip("/") + ".ics").content.decode()
    vtimezone = body[body.index("BEGIN:VTIMEZONE") : body.index("END:VTIMEZONE")]
    assert "RDATE" not in vtimezone
    assert "BEGIN:DAYLIGHT\r\nDTSTART:19960331T020000\r\n" in vtimezone
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in vtimezone
    assert "BEGIN:STANDARD\r\nDTSTART:19961027T030000\r\n" in vtimezone
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in vtimezone


def ics_url(page) -> str:
    return page.url.rstrip("/") + ".ics"


def test_every_occurrence_of_2024_to_2030_is_the_instant_zoneinfo_gives(
    client, member_client, make_event, make_series
):
    expected: dict[tuple[str, datetime | None], datetime] = {}  # (uid, recurrence) → start
    pages = []
    # one-off events: the day before, the switch day before and after the switch, the day after
    for day in switch_days():
        for when in [
            (day - timedelta(days=1), time(10, 0)),
            (day, time(1, 30)),
            (day, time(3, 30)),
            (day + timedelta(days=1), time(10, 0)),
        ]:
            start = instant(*when)
            event = make_event(start=start, end=start + timedelta(hours=1), kind=Kind.WEBINAIRE)
            expected[(event_uid(event), None)] = start
            pages.append(event)
    # a series on every last Sunday, just after the switch hour on the switch days
    series = make_series(
        kind=Kind.JOURNEE,
        weekday=EventSeriesPage.Weekday.DIMANCHE,
        week_of_month=EventSeriesPage.WeekOfMonth.LAST,
        first_date=date(2024, 1, 1),
        until=date(2030, 12, 31),
        start_time=time(3, 0),
        end_time=time(4, 0),
    )
    occurrences = list(EventPage.objects.live().filter(series=series))
    assert len(occurrences) == 7 * 12
    assert set(switch_days()) <= {occurrence.occurrence_date for occurrence in occurrences}
    for occurrence in occurrences:
        start = instant(occurrence.occurrence_date, time(3, 0))
        expected[(event_uid(series), start)] = start
    pages += [series, *occurrences]
    # and the demo's own events, where they were put at Paris times by load_demo
    for event in EventPage.objects.live().exclude(pk__in=[page.pk for page in pages]):
        if event.series_id:
            series_start = instant(event.occurrence_date, event.series.start_time)
            expected[(event_uid(event.series), series_start)] = event.start
        else:
            expected[(event_uid(event), None)] = event.start
        pages.append(event)

    member_client.get("/evenements/mon-agenda/")
    token = CalendarToken.objects.get(user__username="membre-test")
    feeds = [
        "/evenements/calendrier.ics",
        *(f"/evenements/calendrier/{kind}.ics" for kind in Kind.values),
        f"/evenements/prive/{token.key}.ics",
    ]
    responses = [member_client.get(url) for url in feeds]
    responses += [member_client.get(ics_url(page)) for page in pages]
    assert {response.status_code for response in responses} == {200}
    calendars = read_calendars(*(response.content for response in responses))

    private_feed = calendars[len(feeds) - 1]
    found = {(o["uid"], o["recurrenceId"]): o for o in private_feed["occurrences"]}
    assert found.keys() >= expected.keys()
    for calendar in calendars:
        if calendar["occurrences"]:  # (the « atelier » feed holds no event)
            assert calendar["timezones"] == ["Europe/Paris"], calendar["name"]
        for occurrence in calendar["occurrences"]:
            key = (occurrence["uid"], occurrence["recurrenceId"])
            if key in expected:
                assert occurrence["start"] == expected[key], (calendar["name"], key)
                assert occurrence["tzid"] == "Europe/Paris"
    seen = {
        (o["uid"], o["recurrenceId"]) for calendar in calendars for o in calendar["occurrences"]
    }
    assert seen >= expected.keys()
