"""Notifications by e-mail, run as tasks (immediate today, a worker queue later).

Arguments are ids; each task reads the current rows and sends each notification at most
once (`Notification` keeps what was sent, in the same transaction as the sending), so a task
run twice sends nothing more. A member's choices (« Mon profil ») are read at sending time.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task
from wagtail.models import Site

from exchange.models import Answer, Notification, Question, RemonteeStep, Report
from exchange.models.remontees import Remontee
from kb.permissions import ANIMATOR_GROUPS

SUBJECT_PREFIX = "[Communauté TZNR] "


def full_url(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def wants(user, preference: str) -> bool:
    preferences = getattr(user, "exchange_preferences", None)
    return getattr(preferences, preference, True) if preferences is not None else True


def send_once(*, recipient, kind: str, key: str, subject: str, template: str, context) -> bool:
    """Send unless already sent (or the recipient has no address); True when sent now."""
    if recipient is None or not recipient.is_active or not recipient.email:
        return False
    with transaction.atomic():
        _, created = Notification.objects.get_or_create(recipient=recipient, kind=kind, key=key)
        if created:
            body = render_to_string(template, {"recipient": recipient, **context})
            send_mail(SUBJECT_PREFIX + subject, body, None, [recipient.email])
    return created


def animators():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=ANIMATOR_GROUPS)
        .exclude(email="")
        .select_related("exchange_preferences")
        .distinct()
    )


@task()
def notify_answer(answer_id: int) -> None:
    """The asker, on each answer (not their own)."""
    answer = Answer.objects.select_related("question__author").filter(pk=answer_id).first()
    if answer is None or not answer.is_visible:
        return
    asker = answer.question.author
    if asker is None or asker.pk == answer.author_id or not wants(asker, "answers"):
        return
    send_once(
        recipient=asker,
        kind=Notification.Kind.ANSWER,
        key=str(answer.pk),
        subject=f"Nouvelle réponse à « {answer.question.title} »",
        template="exchange/email/answer.txt",
        context={
            "answer": answer,
            "question": answer.question,
            "url": full_url(answer.get_absolute_url()),
        },
    )


@task()
def notify_retained(question_id: int, answer_id: int) -> None:
    """The asker, when an answer is retained (unless they retained it themselves)."""
    question = (
        Question.objects.select_related("author", "retained_by").filter(pk=question_id).first()
    )
    if question is None or question.retained_answer_id != answer_id:
        return
    asker = question.author
    if asker is None or asker.pk == question.retained_by_id or not wants(asker, "retained"):
        return
    send_once(
        recipient=asker,
        kind=Notification.Kind.RETAINED,
        key=f"{question.pk}:{answer_id}",
        subject=f"Une réponse est retenue pour « {question.title} »",
        template="exchange/email/retained.txt",
        context={"question": question, "url": full_url(question.get_absolute_url())},
    )


@task()
def notify_remontee_state(step_id: int) -> None:
    """The remontée's author, on each change of state."""
    step = RemonteeStep.objects.select_related("remontee__author").filter(pk=step_id).first()
    if step is None:
        return
    author = step.remontee.author
    if author is None or author.pk == step.author_id or not wants(author, "remontee_states"):
        return
    send_once(
        recipient=author,
        kind=Notification.Kind.REMONTEE_STATE,
        key=str(step.pk),
        subject=f"Votre remontée « {step.remontee.title} » : {step.get_state_display()}",
        template="exchange/email/remontee_state.txt",
        context={
            "step": step,
            "remontee": step.remontee,
            "url": full_url(step.remontee.get_absolute_url()),
        },
    )


@task()
def notify_new_remontee(remontee_id: int) -> None:
    """Every animator who wants it, on each new remontée."""
    remontee = Remontee.objects.select_related("territory").filter(pk=remontee_id).first()
    if remontee is None or not remontee.is_visible:
        return
    for animator in animators():
        if animator.pk != remontee.author_id and wants(animator, "new_remontees"):
            send_once(
                recipient=animator,
                kind=Notification.Kind.NEW_REMONTEE,
                key=str(remontee.pk),
                subject=f"Nouvelle remontée : {remontee.title}",
                template="exchange/email/new_remontee.txt",
                context={"remontee": remontee, "url": full_url(remontee.get_absolute_url())},
            )


@task()
def notify_report(report_id: int) -> None:
    """Every animator who wants it, on each report."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.message is None:
        return
    for animator in animators():
        if animator.pk != report.reporter_id and wants(animator, "reports"):
            send_once(
                recipient=animator,
                kind=Notification.Kind.REPORT,
                key=str(report.pk),
                subject="Un message a été signalé",
                template="exchange/email/report.txt",
                context={
                    "report": report,
                    "url": full_url(f"/admin/exchange/signalements/{report.pk}/"),
                },
            )
