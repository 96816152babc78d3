"""Writes of the calendar: the occurrences of a series (registrations:
events.registrations.services)."""

import logging
from datetime import date

from django.db import transaction

from events.formatting import format_month
from events.models import EventPage, EventSeriesPage
from events.recurrence import series_occurrences

logger = logging.getLogger(__name__)


# -- series ------------------------------------------------------------------


def occurrence_title(series: EventSeriesPage, day: date) -> str:
    return f"{series.title} — {format_month(day.year, day.month)}"


@transaction.atomic
def series_sync_occurrences(*, series: EventSeriesPage) -> dict[str, int]:
    """Make the child EventPages match the series: create, update, unpublish.

    The series owns title, kind, times, mode, place, links, registration settings,
    summary and territories; each occurrence keeps its own cancelled flag, speakers,
    programme, related fiches and registrations. Occurrences that leave the rule
    (a skipped month, a shorter series) are unpublished, never deleted, so their
    registrations and recordings stay.
    """
    series = EventSeriesPage.objects.get(pk=series.pk)
    existing = {
        page.occurrence_date: page
        for page in EventPage.objects.child_of(series).filter(occurrence_date__isnull=False)
    }
    territories = list(series.territories.all())
    counts = {"created": 0, "updated": 0, "unpublished": 0}
    for occurrence in series_occurrences(series):
        values = {
            "title": occurrence_title(series, occurrence.original_date),
            "kind": series.kind,
            "mode": series.mode,
            "place": series.place,
            "online_url": series.online_url,
            "registration_enabled": series.registration_enabled,
            "capacity": series.capacity,
            "registration_url": series.registration_url,
            "summary": series.summary,
            "start": occurrence.start,
            "end": occurrence.end,
        }
        page = existing.pop(occurrence.original_date, None)
        if page is None:
            page = EventPage(
                slug=occurrence.original_date.isoformat(),
                series=series,
                occurrence_date=occurrence.original_date,
                **values,
            )
            page.territories = territories
            series.add_child(instance=page)
            page.save_revision(log_action=False).publish(log_action=False)
            counts["created"] += 1
            continue
        changed = any(getattr(page, name) != value for name, value in values.items())
        changed |= {t.pk for t in page.territories.all()} != {t.pk for t in territories}
        if changed or not page.live:
            for name, value in values.items():
                setattr(page, name, value)
            page.territories = territories
            page.save_revision(log_action=False).publish(log_action=False)
            counts["updated"] += 1
    for page in existing.values():
        if page.live:
            page.unpublish(log_action=False)
            counts["unpublished"] += 1
    return counts
