"""Reads of registrations and private feed tokens.

Kept apart from the event lists (events.selectors): the event page's views read these, and
the event page module imports those views, so nothing here imports the page types.
"""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from events.models.registrations import CalendarToken, Registration
from kb.permissions import is_member, user_access


def registration_for(*, event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def registration_counts(*, event) -> dict[str, int]:
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
    )
    return counts


def registration_list(*, event) -> QuerySet[Registration]:
    """Confirmed first, then the waiting list in its order."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "queued_at")  # "confirmed" sorts before "waiting"
    )


def registration_participant_ids(event_id: int) -> list[int]:
    """The members confirmed for an event (kb.providers.EVENT_PARTICIPANTS)."""
    return list(
        Registration.objects.filter(
            event_id=event_id, status=Registration.Status.CONFIRMED
        ).values_list("user_id", flat=True)
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
    token = CalendarToken.objects.select_related("user").filter(key=key).first()
    if token is None or not token.user.is_active or not is_member(token.user):
        return None
    return token.user


def can_manage_registrations(user) -> bool:
    """Animators and administrators, and staff allowed to edit events, see and export the
    registrations."""
    if not user.is_authenticated:
        return False
    if user_access(user).is_animator:
        return True
    return user.is_staff and user.has_perm("events.change_eventpage")
