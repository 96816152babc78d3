"""Reads of the calendar: event lists for the home page, territories, the calendar, the feeds
(registrations: events.registrations.selectors)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from events.models import EventPage, EventSeriesPage, Kind
from kb import site_cache
from kb.selectors import visible_pages

PARIS = ZoneInfo("Europe/Paris")


def event_list_live(*, user=None) -> QuerySet[EventPage]:
    return visible_pages(EventPage.objects.all(), user).order_by("start")


def event_list_upcoming(*, limit: int | None = None, user=None) -> QuerySet[EventPage]:
    events = event_list_live(user=user).filter(end__gte=timezone.now())
    return events[:limit] if limit else events


def event_next_mensuelle() -> EventPage | None:
    """The next Mensuelle members can send questions to: live, public, not cancelled, not
    started (offered to other apps as kb.providers.NEXT_MENSUELLE)."""
    return (
        event_list_live()
        .filter(kind=Kind.MENSUELLE, cancelled=False, start__gt=timezone.now())
        .first()
    )


def event_list_ended_between(since, until) -> list[EventPage]:
    """Live, not cancelled events that ended in (since, until] (kb.providers.EVENTS_ENDED)."""
    return list(
        EventPage.objects.live()
        .filter(cancelled=False, end__gt=since, end__lte=until)
        .order_by("end")
    )


def event_list_past(*, user=None) -> QuerySet[EventPage]:
    return event_list_live(user=user).filter(end__lt=timezone.now()).order_by("-start")


def event_list_for_territory(*, territory, user=None) -> QuerySet[EventPage]:
    """The territory's coming events, soonest first."""
    return event_list_upcoming(user=user).filter(territories=territory).defer("body")


def event_list_filtered(
    events: QuerySet[EventPage], *, kind: str = "", territory=None, mode: str = ""
) -> QuerySet[EventPage]:
    if kind:
        events = events.filter(kind=kind)
    if territory is not None:
        events = events.filter(territories=territory)
    if mode:
        events = events.filter(mode=mode)
    return events.distinct() if territory is not None else events


def event_list_between(*, first: date, last: date, user=None) -> QuerySet[EventPage]:
    """Events that touch the Paris days first..last (both included)."""
    start = datetime.combine(first, time.min, tzinfo=PARIS)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=PARIS)
    return event_list_live(user=user).filter(start__lt=end, end__gte=start)


def event_list_for_series(*, series: EventSeriesPage, user=None) -> QuerySet[EventPage]:
    return event_list_live(user=user).child_of(series)


def feed_content(*, kind: str = "", territory=None, private: bool = False, user=None):
    """(one-off events, series, occurrences by series id) for an iCalendar feed.

    Occurrences of a series travel inside their series (RRULE), not as separate events.
    """
    viewer = user if private else None
    events = event_list_filtered(
        event_list_live(user=viewer).filter(series__isnull=True), kind=kind, territory=territory
    )
    series = visible_pages(EventSeriesPage.objects.all(), viewer).order_by("first_date")
    if kind:
        series = series.filter(kind=kind)
    if territory is not None:
        series = series.filter(territories=territory).distinct()
    series = list(series.prefetch_related("exceptions"))
    occurrences: dict[int, list[EventPage]] = {one.pk: [] for one in series}
    for occurrence in event_list_live(user=viewer).filter(series__in=series):
        occurrences[occurrence.series_id].append(occurrence)
    return list(events), series, occurrences


def feed_kinds_with_events() -> set[str]:
    """The event types whose public feed holds at least one event (occurrences included):
    every public event read, so kept per worker for a
    minute at most, dropped at the next publication (kb.site_cache)."""
    return site_cache.remember(
        "event-feed-kinds",
        lambda: set(
            visible_pages(EventPage.objects.all()).values_list("kind", flat=True).distinct()
        ),
    )


def feed_territory_has_events(*, territory) -> bool:
    return visible_pages(EventPage.objects.all()).filter(territories=territory).exists()


def event_change_from_stored(*, event: EventPage) -> str | None:
    """ "cancelled" or "moved" when `event` differs so from its stored row, else None."""
    if not event.pk:
        return None
    stored = EventPage.objects.filter(pk=event.pk).values("start", "end", "cancelled").first()
    if stored is None:
        return None
    if event.cancelled and not stored["cancelled"]:
        return "cancelled"
    if not event.cancelled and (stored["start"], stored["end"]) != (event.start, event.end):
        return "moved"
    return None
