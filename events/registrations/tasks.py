"""The registration e-mails, sent by the task queue: each task reads the registration or
the event when it runs (a deleted account or a cancelled registration gets nothing).

Nothing here imports the page types (see events.registrations.selectors): an event is read
through its registrations or as a Wagtail page.
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.text import slugify
from django_tasks import task
from wagtail.models import Page

from events.ical import build_calendar
from events.models.registrations import Registration

logger = logging.getLogger(__name__)


@task()
def send_registration_email(registration_id: int, promoted: bool = False) -> bool:
    registration = (
        Registration.objects.select_related("user", "event")
        .exclude(status=Registration.Status.CANCELLED)
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    registration_send_email(registration=registration, promoted=promoted)
    return True


@task()
def send_event_change(event_id: int, change: str) -> int:
    page = Page.objects.filter(pk=event_id).first()
    if page is None:
        return 0
    return registration_notify_change(event=page.specific, change=change)


def registration_send_email(*, registration: Registration, promoted: bool = False) -> None:
    """Confirmation (with the event's .ics attached) or waiting-list notice, in French."""
    user, event = registration.user, registration.event
    if not user.email:
        return
    confirmed = registration.status == Registration.Status.CONFIRMED
    url = event.get_full_url()
    context = {"user": user, "event": event, "url": url, "promoted": promoted}
    if confirmed:
        subject = f"Inscription confirmée : {event.title}"
        template = "events/email/registration_confirmed.txt"
    else:
        subject = f"Liste d'attente : {event.title}"
        template = "events/email/registration_waiting.txt"
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(template, context), to=[user.email]
    )
    if confirmed:
        ics = build_calendar(name=event.title, events=[event], url_for=lambda page: url)
        message.attach(f"{slugify(event.title)[:60] or 'evenement'}.ics", ics, "text/calendar")
    try:
        message.send()
    except Exception:  # the registration stands even when the mail server is down
        logger.exception("Could not send the registration email for %s", registration.pk)


def registration_notify_change(*, event, change: str) -> int:
    """Tell the registered and waiting members that the event is cancelled or moved.

    The attached .ics has the same UID and a higher SEQUENCE, so calendar software updates
    (or strikes out) the entry it already has.
    """
    registrations = (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
    )
    recipients = [r.user for r in registrations if r.user.email]
    if not recipients or event.is_past:
        return 0
    url = event.get_full_url()
    ics = build_calendar(name=event.title, events=[event], url_for=lambda page: url)
    subject = (
        f"Événement annulé : {event.title}"
        if change == "cancelled"
        else f"Nouvel horaire : {event.title}"
    )
    sent = 0
    for user in recipients:
        body = render_to_string(
            "events/email/event_changed.txt",
            {"user": user, "event": event, "url": url, "change": change},
        )
        message = EmailMultiAlternatives(subject=subject, body=body, to=[user.email])
        message.attach(f"{slugify(event.title)[:60] or 'evenement'}.ics", ics, "text/calendar")
        try:
            message.send()
            sent += 1
        except Exception:
            logger.exception("Could not tell %s about a change to event %s", user.pk, event.pk)
    return sent
