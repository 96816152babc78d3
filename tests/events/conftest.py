from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from events.models import EventPage, EventSeriesException, EventSeriesPage

PARIS = ZoneInfo("Europe/Paris")


def paris(*args, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=PARIS, fold=fold)


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def calendar_index(site_tree):
    """The calendar page (the demo's, in a module that reads the demo)."""
    return site_tree.events


@pytest.fixture
def make_event(calendar_index):
    """An event published under the calendar; by default a bimodal plénière in ten days."""
    counter = iter(range(1, 1000))

    def make(**fields):
        start = fields.pop("start", None) or (timezone.now() + timedelta(days=10)).replace(
            minute=0, second=0, microsecond=0
        )
        values = {
            "title": f"Événement de test {next(counter)}",
            "kind": EventPage.Kind.PLENIERE,
            "mode": EventPage.Mode.BIMODAL,
            "start": start,
            "end": fields.pop("end", None) or start + timedelta(hours=2),
            "summary": "Un rendez-vous de la communauté.",
        }
        values.update(fields)
        territories = values.pop("territories", [])
        event = EventPage(**values)
        event.territories = territories
        calendar_index.add_child(instance=event)
        return publish(event)

    return make


@pytest.fixture
def make_series(calendar_index):
    """A series published under the calendar (its occurrence pages made by publishing).

    `exceptions` are dicts of EventSeriesException fields."""
    counter = iter(range(1, 1000))

    def make(*, exceptions=(), territories=(), **fields):
        number = next(counter)
        values = {
            "title": f"Série de test {number}",
            "slug": f"serie-de-test-{number}",
            "kind": EventPage.Kind.ATELIER,
            "mode": EventPage.Mode.DISTANCIEL,
            "summary": "Un rendez-vous régulier.",
        }
        values.update(fields)
        series = EventSeriesPage(**values)
        series.territories = list(territories)
        series.exceptions = [EventSeriesException(**exception) for exception in exceptions]
        calendar_index.add_child(instance=series)
        return publish(series)

    return make


@pytest.fixture
def mensuelle(make_series):
    """The mensuelle as the demo has it: 2nd Thursday, 14 h – 15 h 30, 2024 to 2026, moved for
    Ascension in May 2024, paused each August (the demo's own, in a module that reads it)."""
    demo = EventSeriesPage.objects.filter(slug="mensuelle-tznr").first()
    if demo is not None:
        return demo
    return make_series(
        title="Mensuelle TZNR",
        slug="mensuelle-tznr",
        kind=EventPage.Kind.MENSUELLE,
        weekday=EventSeriesPage.Weekday.JEUDI,
        week_of_month=2,
        first_date=date(2024, 1, 1),
        until=date(2026, 12, 31),
        start_time=time(14),
        end_time=time(15, 30),
        online_url="https://visio.example.org/mensuelle-tznr",
        registration_enabled=True,
        capacity=150,
        exceptions=[
            {"original_date": date(2024, 5, 9), "new_date": date(2024, 5, 16)},
            {"original_date": date(2024, 8, 8)},
            {"original_date": date(2025, 8, 14)},
            {"original_date": date(2026, 8, 13)},
        ],
    )


def parse_calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def vevent_for(calendar: icalendar.Calendar, uid: str, *, recurrence_id=None):
    for component in vevents(calendar):
        if str(component["UID"]) != uid:
            continue
        if recurrence_id is None and "RECURRENCE-ID" not in component:
            return component
        if recurrence_id is not None and component.get("RECURRENCE-ID"):
            if component.decoded("RECURRENCE-ID") == recurrence_id:
                return component
    return None
