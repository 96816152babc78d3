"""Writes of registrations (their mails are tasks: events.registrations.tasks) and of
private feed tokens.

Kept apart from the series (events.services) for the reason given in
events.registrations.selectors: nothing here imports the page types.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from events.models.registrations import CalendarToken, Registration, new_calendar_key
from events.registrations import tasks
from kb.permissions import is_member


class RegistrationError(Exception):
    """A registration that cannot be made; the message is French, for the member."""


# -- registrations ------------------------------------------------------------


def _lock(event):
    """Serialise registrations of one event, so that capacity is never exceeded: its page
    row is locked, then the event read again under the lock."""
    Page.objects.select_for_update().filter(pk=event.pk).values_list("pk").first()
    event.refresh_from_db()
    return event


def _check_open(event, user) -> None:
    if not is_member(user):
        raise RegistrationError("L'inscription est réservée aux membres de la communauté.")
    if not event.registration_enabled:
        raise RegistrationError("Cet événement n'ouvre pas d'inscription sur le site.")
    if event.cancelled:
        raise RegistrationError("Cet événement est annulé.")
    if event.start <= timezone.now():
        raise RegistrationError("Les inscriptions sont closes : l'événement a commencé.")


def _has_room(event) -> bool:
    if event.capacity is None:
        return True
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return confirmed < event.capacity


@transaction.atomic
def registration_register(*, event, user) -> Registration:
    """Register `user`: confirmed if there is room, else at the end of the waiting list."""
    event = _lock(event)
    _check_open(event, user)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return registration
    status = Registration.Status.CONFIRMED if _has_room(event) else Registration.Status.WAITING
    if registration is None:
        registration = Registration(event=event, user=user)
    registration.status = status
    registration.queued_at = timezone.now()
    registration.save()
    transaction.on_commit(lambda: tasks.send_registration_email.enqueue(registration.pk))
    return registration


@transaction.atomic
def registration_cancel(*, event, user) -> Registration | None:
    """Cancel `user`'s registration; a freed seat goes to the first on the waiting list."""
    event = _lock(event)
    registration = (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        return None
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if was_confirmed and not event.is_past and not event.cancelled:
        _promote(event)
    return registration


@transaction.atomic
def registration_promote_waiting(*, event) -> list[Registration]:
    """Fill free seats from the waiting list (after a cancellation or a larger capacity)."""
    event = _lock(event)
    if event.is_past or event.cancelled:
        return []
    return _promote(event)


def _promote(event) -> list[Registration]:
    promoted = []
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "queued_at", "pk"
    )
    for registration in waiting:
        if not _has_room(event):
            break
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        promoted.append(registration)
        transaction.on_commit(
            lambda pk=registration.pk: tasks.send_registration_email.enqueue(pk, promoted=True)
        )
    return promoted


# -- private feed tokens -----------------------------------------------------


def calendar_token_get(*, user) -> CalendarToken:
    token, _ = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def calendar_token_reset(*, user) -> CalendarToken:
    """A new secret: the old private feed URL stops working at once."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.key = new_calendar_key()
        token.created_at = timezone.now()
        token.save(update_fields=["key", "created_at"])
    return token
