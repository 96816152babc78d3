"""The mensuelle is one series: a monthly rule, a skipped month, a moved date."""

from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr

from events.ical import event_uid
from events.models import EventPage, EventSeriesException
from events.services import series_sync_occurrences
from tests.events.conftest import PARIS, paris, parse_calendar, publish, vevent_for

pytestmark = pytest.mark.django_db


def expand(master) -> list[datetime]:
    """Dates of a VEVENT's RRULE minus its EXDATEs, as a calendar application computes them."""
    start = master.decoded("DTSTART")
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=start)
    excluded = {moment.dt for exdate in _as_list(master.get("EXDATE")) for moment in exdate.dts}
    return [moment for moment in rule if moment not in excluded]


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_the_mensuelle_is_one_series_with_an_occurrence_page_per_month(mensuelle):
    occurrences = EventPage.objects.live().filter(series=mensuelle).order_by("start")
    # 36 months, 3 summer breaks
    assert occurrences.count() == 33
    assert all(page.get_parent().pk == mensuelle.pk for page in occurrences)
    first = occurrences.first()
    assert first.start == paris(2024, 1, 11, 14, 0)
    assert first.title == "Mensuelle TZNR — janvier 2024"
    assert first.url.endswith("/evenements/mensuelle-tznr/2024-01-11/")


def test_each_occurrence_has_its_own_page(client, mensuelle):
    response = client.get("/evenements/mensuelle-tznr/2024-03-14/")
    assert response.status_code == 200
    assert "jeudi 14 mars 2024, 14 h – 15 h 30" in response.content.decode()
    assert client.get("/evenements/mensuelle-tznr/").status_code == 200


def test_a_skipped_month_has_no_occurrence_and_is_an_exdate(client, mensuelle):
    assert not EventPage.objects.live().filter(series=mensuelle, occurrence_date=date(2024, 8, 8))
    assert client.get("/evenements/mensuelle-tznr/2024-08-08/").status_code == 404
    calendar = parse_calendar(client.get("/evenements/calendrier.ics"))
    master = vevent_for(calendar, event_uid(mensuelle))
    assert str(master["RRULE"].to_ical().decode()).startswith("FREQ=MONTHLY")
    dates = [moment.date() for moment in expand(master)]
    assert date(2024, 8, 8) not in dates
    assert date(2024, 7, 11) in dates and date(2024, 9, 12) in dates


def test_a_moved_date_is_an_override_with_recurrence_id(client, mensuelle):
    moved = EventPage.objects.get(series=mensuelle, occurrence_date=date(2024, 5, 9))
    assert moved.start == paris(2024, 5, 16, 14, 0)
    assert moved.url.endswith("/mensuelle-tznr/2024-05-09/")  # the URL stays
    calendar = parse_calendar(client.get("/evenements/calendrier.ics"))
    override = vevent_for(calendar, event_uid(mensuelle), recurrence_id=paris(2024, 5, 9, 14, 0))
    assert override is not None
    assert override.decoded("DTSTART") == paris(2024, 5, 16, 14, 0)
    assert str(override["URL"]).endswith("/mensuelle-tznr/2024-05-09/")


def test_the_series_expands_to_the_occurrence_pages(client, mensuelle):
    calendar = parse_calendar(client.get("/evenements/mensuelle-tznr.ics"))
    master = vevent_for(calendar, event_uid(mensuelle))
    expanded = expand(master)
    pages = EventPage.objects.live().filter(series=mensuelle)
    by_rule = sorted(
        datetime.combine(page.occurrence_date, mensuelle.start_time, tzinfo=PARIS) for page in pages
    )
    assert expanded == by_rule
    assert all(moment.hour == 14 and moment.minute == 0 for moment in expanded)


def test_one_occurrence_can_be_cancelled_alone(client, mensuelle):
    occurrence = EventPage.objects.get(series=mensuelle, occurrence_date=date(2025, 3, 13))
    occurrence.cancelled = True
    publish(occurrence)
    calendar = parse_calendar(client.get("/evenements/calendrier.ics"))
    override = vevent_for(calendar, event_uid(mensuelle), recurrence_id=paris(2025, 3, 13, 14, 0))
    assert str(override["STATUS"]) == "CANCELLED"
    master = vevent_for(calendar, event_uid(mensuelle))
    assert str(master["STATUS"]) == "CONFIRMED"
    neighbour = EventPage.objects.get(series=mensuelle, occurrence_date=date(2025, 4, 10))
    assert not neighbour.cancelled
    assert "Événement annulé" in client.get(occurrence.url).content.decode()
    # publishing the series again keeps the occurrence's own cancellation
    publish(mensuelle)
    assert EventPage.objects.get(pk=occurrence.pk).cancelled


def test_editing_the_series_once_updates_every_occurrence(mensuelle):
    mensuelle.place = "Salle Laroque, DGCS"
    mensuelle.exceptions.add(
        EventSeriesException(original_date=date(2026, 12, 10), new_date=date(2026, 12, 17))
    )
    series = publish(mensuelle)
    occurrences = EventPage.objects.live().filter(series=series)
    assert set(occurrences.values_list("place", flat=True)) == {"Salle Laroque, DGCS"}
    december = occurrences.get(occurrence_date=date(2026, 12, 10))
    assert december.start == paris(2026, 12, 17, 14, 0)
    assert series.sequence >= 1


def test_a_new_skipped_month_unpublishes_its_occurrence_and_keeps_it(mensuelle):
    occurrence = EventPage.objects.get(series=mensuelle, occurrence_date=date(2026, 7, 9))
    mensuelle.exceptions.add(EventSeriesException(original_date=date(2026, 7, 9)))
    publish(mensuelle)
    occurrence.refresh_from_db()
    assert not occurrence.live
    assert series_sync_occurrences(series=mensuelle) == {
        "created": 0,
        "updated": 0,
        "unpublished": 0,
    }
