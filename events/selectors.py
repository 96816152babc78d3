"""Reads of the calendar, used by the home page, territories and the calendar."""

from django.db.models import QuerySet
from django.utils import timezone

from events.models import EventPage


def event_list_live() -> QuerySet[EventPage]:
    from kb.selectors import public_pages  # bounded query, unlike Wagtail's .public()

    return public_pages(EventPage.objects.live()).order_by("start")


def event_list_upcoming(*, limit: int | None = None) -> QuerySet[EventPage]:
    events = event_list_live().filter(end__gte=timezone.now())
    return events[:limit] if limit else events


def event_list_past() -> QuerySet[EventPage]:
    return event_list_live().filter(end__lt=timezone.now()).order_by("-start")


def event_list_for_territory(*, territory) -> QuerySet[EventPage]:
    return event_list_live().filter(territories=territory)
