"""Europe/Paris wall-clock times hold on both sides of the 2024 daylight-saving switches."""

from datetime import date, timedelta

import pytest

from events.formatting import format_day, format_when
from events.ical import event_uid
from events.models import EventPage
from tests.events.conftest import paris, parse_calendar, vevent_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (date(2024, 3, 28), 9),  # last Thursday of winter time (switch on Sunday 31 March)
        (date(2024, 10, 31), 9),  # first Thursday of winter time (switch on Sunday 27 October)
        (date(2024, 4, 4), 8),  # summer time in between
    ],
)
def test_an_event_keeps_its_paris_wall_clock_time_in_feed_and_page(
    client, make_event, day, utc_hour
):
    start = paris(day.year, day.month, day.day, 10, 0)
    event = make_event(start=start, end=start + timedelta(hours=2))
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.start.astimezone(paris(2000, 1, 1).tzinfo).hour == 10
    assert stored.start.utctimetuple().tm_hour == utc_hour

    response = client.get(event.url.rstrip("/") + ".ics")
    assert f"DTSTART;TZID=Europe/Paris:{day:%Y%m%d}T100000".encode() in response.content
    component = vevent_for(parse_calendar(response), event_uid(event))
    assert component.decoded("DTSTART") == start
    assert component.decoded("DTSTART").hour == 10
    assert component.decoded("DTEND").hour == 12

    page = client.get(event.url).content.decode()
    assert f"{format_day(day)}, 10 h – 12 h" in page


def test_the_vtimezone_describes_both_summer_and_winter_time(client, make_event):
    make_event(start=paris(2024, 3, 28, 10, 0), end=paris(2024, 3, 28, 12, 0))
    calendar = parse_calendar(client.get("/evenements/calendrier.ics"))
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Paris"
    assert timezone.walk("STANDARD") and timezone.walk("DAYLIGHT")


def test_a_series_keeps_14h_across_the_switch(mensuelle):
    march = EventPage.objects.get(series=mensuelle, occurrence_date=date(2024, 3, 14))
    april = EventPage.objects.get(series=mensuelle, occurrence_date=date(2024, 4, 11))
    assert march.start.utctimetuple().tm_hour == 13
    assert april.start.utctimetuple().tm_hour == 12
    assert format_when(march.start, march.end) == "jeudi 14 mars 2024, 14 h – 15 h 30"
    assert format_when(april.start, april.end) == "jeudi 11 avril 2024, 14 h – 15 h 30"


def test_french_dates_follow_the_house_style():
    assert (
        format_when(paris(2024, 1, 25, 10, 0), paris(2024, 1, 25, 12, 0))
        == "jeudi 25 janvier 2024, 10 h – 12 h"
    )
    assert format_day(date(2024, 2, 1)) == "jeudi 1er février 2024"
    assert (
        format_when(paris(2025, 10, 9, 9, 30), paris(2025, 10, 10, 16, 30))
        == "du jeudi 9 octobre 2025, 9 h 30 au vendredi 10 octobre 2025, 16 h 30"
    )
