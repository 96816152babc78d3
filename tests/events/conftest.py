from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage, EventSeriesException, EventSeriesPage

PARIS = ZoneInfo("Europe/Paris")


def paris(*args, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=PARIS, fold=fold)


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def calendar_index(db):
    return EventIndexPage.objects.get()


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
def mensuelle():
    return EventSeriesPage.objects.get(slug="mensuelle-tznr")


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
