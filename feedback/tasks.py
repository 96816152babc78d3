"""E-mails of the feedback, run as tasks (immediate in the tests, the database worker
elsewhere). Arguments are ids; each task reads its rows when it runs and sends each e-mail
once: the row that records it is written in the same transaction as the sending."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from feedback import selectors
from feedback.models import DailyCount, Freshness, ProblemReport, SearchCount, SurveyInvitation
from kb import providers

SUBJECT_PREFIX = "[Communauté TZNR] "
USAGE_MONTHS = 25  # the CNIL's limit for audience measurement without consent


def full_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@task()
def send_satisfaction_survey(event_id: int) -> int:
    """Ask each confirmed participant of a finished event, once; the number asked now."""
    event = selectors.event_for_survey(event_id=event_id)
    if event is None or not selectors.survey_is_open(event):
        return 0
    participant_ids = providers.ask(providers.EVENT_PARTICIPANTS, event.pk) or []
    recipients = (
        get_user_model()
        .objects.filter(pk__in=participant_ids, is_active=True)
        .exclude(email="")
        .exclude(survey_invitations__event_id=event.pk)
    )
    url = full_url(reverse("feedback-satisfaction", args=[event.pk]))
    closes = selectors.survey_closes_at(event)
    sent = 0
    for recipient in recipients:
        with transaction.atomic():
            _, created = SurveyInvitation.objects.get_or_create(event_id=event.pk, user=recipient)
            if not created:
                continue
            body = render_to_string(
                "feedback/email/satisfaction.txt",
                {"recipient": recipient, "event": event, "url": url, "closes": closes},
            )
            send_mail(
                SUBJECT_PREFIX + f"Votre avis sur « {event.title} »",
                body,
                None,
                [recipient.email],
            )
            sent += 1
    return sent


@task()
def tell_owner_of_report(report_id: int) -> bool:
    """The page's owner (its author in Wagtail) hears of a problem report, once."""
    with transaction.atomic():
        report = (
            ProblemReport.objects.select_for_update()
            .filter(pk=report_id, owner_told_at__isnull=True)
            .first()
        )
        if report is None:
            return False
        page = Page.objects.select_related("owner").filter(pk=report.page_id).first()
        owner = page.owner if page is not None else None
        if owner is None or not owner.is_active or not owner.email:
            return False
        body = render_to_string(
            "feedback/email/report.txt",
            {
                "recipient": owner,
                "report": report,
                "page": page,
                "url": full_url(page.url or "/"),
                "queue_url": full_url(reverse("feedback_reports")),
            },
        )
        send_mail(
            SUBJECT_PREFIX + f"Un problème signalé sur « {page.title} »",
            body,
            None,
            [owner.email],
        )
        report.owner_told_at = timezone.now()
        report.save(update_fields=["owner_told_at"])
    return True


@task()
def remind_owner_of_review(page_id: int, due_on: str) -> bool:
    """The owner of a fiche or resource whose review fell due on `due_on`, once per due date."""
    due = date.fromisoformat(due_on)
    row = next(
        (row for row in selectors.freshness_list() if row.page.pk == page_id and row.expired),
        None,
    )
    if row is None or row.due_on != due:  # confirmed since, or another due date
        return False
    with transaction.atomic():
        freshness, _ = Freshness.objects.select_for_update().get_or_create(
            page_id=page_id,
            defaults={"verified_on": row.verified_on, "interval_months": row.interval_months},
        )
        if freshness.reminded_for == due:
            return False
        page = Page.objects.select_related("owner").get(pk=page_id)
        owner = page.owner
        if owner is None or not owner.is_active or not owner.email:
            return False
        body = render_to_string(
            "feedback/email/review.txt",
            {
                "recipient": owner,
                "page": page,
                "row": row,
                "url": full_url(page.url or "/"),
                "list_url": full_url(reverse("feedback-freshness")),
            },
        )
        send_mail(SUBJECT_PREFIX + f"À vérifier : « {page.title} »", body, None, [owner.email])
        freshness.reminded_for = due
        freshness.save(update_fields=["reminded_for"])
    return True


@task()
def purge_usage() -> int:
    """Forget the usage counts older than USAGE_MONTHS months (run by feedback_clock); the
    number of rows deleted."""
    limit = selectors.add_months(timezone.localdate(), -USAGE_MONTHS)
    deleted, _ = DailyCount.objects.filter(day__lt=limit).delete()
    searches, _ = SearchCount.objects.filter(day__lt=limit).delete()
    return deleted + searches
