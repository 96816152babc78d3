"""Reads of the calendar, used by the home page, territories, the calendar and the feeds."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from events.models import CalendarToken, EventPage, EventSeriesPage, Registration

PARIS = ZoneInfo("Europe/Paris")


def _visible(pages: QuerySet, user=None) -> QuerySet:
    """Live pages; members-only ones for members only."""
    from kb.permissions import is_member
    from kb.selectors import public_pages  # bounded query, unlike Wagtail's .public()

    pages = pages.live()
    return pages if user is not None and is_member(user) else public_pages(pages)


def event_list_live(*, user=None) -> QuerySet[EventPage]:
    return _visible(EventPage.objects.all(), user).order_by("start")


def event_list_upcoming(*, limit: int | None = None, user=None) -> QuerySet[EventPage]:
    events = event_list_live(user=user).filter(end__gte=timezone.now())
    return events[:limit] if limit else events


def event_list_past(*, user=None) -> QuerySet[EventPage]:
    return event_list_live(user=user).filter(end__lt=timezone.now()).order_by("-start")


def event_list_for_territory(*, territory) -> QuerySet[EventPage]:
    return event_list_live().filter(territories=territory)


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
    series = _visible(EventSeriesPage.objects.all(), viewer).order_by("first_date")
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
    """The event types whose public feed holds at least one event (occurrences included)."""
    return set(_visible(EventPage.objects.all()).values_list("kind", flat=True).distinct())


def feed_territory_has_events(*, territory) -> bool:
    return _visible(EventPage.objects.all()).filter(territories=territory).exists()


def registration_for(*, event: EventPage, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def registration_counts(*, event: EventPage) -> dict[str, int]:
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
    )
    return counts


def registration_list(*, event: EventPage) -> QuerySet[Registration]:
    """Confirmed first, then the waiting list in its order."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "queued_at")  # "confirmed" sorts before "waiting"
    )


def registration_list_for_user(*, user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user, event__live=True, event__end__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__start")
    )


def calendar_token_owner(*, key: str):
    """The member whose private feed uses `key`, or None (unknown key, or no longer a member)."""
    from kb.permissions import is_member

    token = CalendarToken.objects.select_related("user").filter(key=key).first()
    if token is None or not token.user.is_active or not is_member(token.user):
        return None
    return token.user


def can_manage_registrations(user) -> bool:
    """Animators and administrators, and staff allowed to edit events, see and export the
    registrations."""
    from kb.permissions import user_access

    if not user.is_authenticated:
        return False
    if user_access(user).is_animator:
        return True
    return user.is_staff and user.has_perm("events.change_eventpage")
