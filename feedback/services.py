"""Writes of the feedback. Side effects (e-mails) are tasks enqueued after commit."""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from feedback import selectors, tasks
from feedback.models import (
    Freshness,
    ProblemReport,
    SatisfactionAnswer,
    SurveyInvitation,
    UsefulVote,
)
from kb import providers


def satisfaction_answer(*, event, user, level: str, comment: str) -> SatisfactionAnswer:
    """Record or change a member's answer about an event (the caller checked it is open)."""
    values = {
        "level": level,
        "comment": comment.strip(),
        "event_kind": event.kind,
        "event_kind_label": event.get_kind_display(),
        "event_year": timezone.localtime(event.start).year,
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                answer, _ = SatisfactionAnswer.objects.update_or_create(
                    event_id=event.pk, user=user, defaults=values
                )
        except IntegrityError:  # the same member's second tab answered at the same moment
            answer = SatisfactionAnswer.objects.get(event_id=event.pk, user=user)
            for name, value in values.items():
                setattr(answer, name, value)
            answer.save()
    return answer


def survey_schedule(*, now=None) -> int:
    """Enqueue the questionnaire of every event whose survey is open and who has
    participants not yet asked; the number of events enqueued (manage.py feedback_clock)."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.TZNR_SATISFACTION_DAYS)
    due = 0
    for event in providers.ask(providers.EVENTS_ENDED, since, now) or []:
        participants = set(providers.ask(providers.EVENT_PARTICIPANTS, event.pk) or [])
        asked = set(
            SurveyInvitation.objects.filter(event_id=event.pk).values_list("user_id", flat=True)
        )
        if participants - asked:
            transaction.on_commit(lambda pk=event.pk: tasks.send_satisfaction_survey.enqueue(pk))
            due += 1
    return due


class TooManyVotes(Exception):
    """A visitor without an account gave TZNR_ANONYMOUS_VOTES_PER_SESSION votes already."""


def useful_vote(*, page, request, useful: bool, reason: str) -> UsefulVote:
    """Record or change the vote of a member (one per page) or of a visitor's session (one per
    page, at most TZNR_ANONYMOUS_VOTES_PER_SESSION pages per session)."""
    values = {"useful": useful, "reason": reason.strip()}
    if request.user.is_authenticated:
        lookup = {"page_id": page.pk, "user": request.user}
    else:
        if not request.session.session_key:
            request.session.save()
        key = request.session.session_key
        lookup = {"page_id": page.pk, "user": None, "session_key": key}
        known = UsefulVote.objects.filter(**lookup).exists()
        if not known and (
            selectors.session_vote_count(session_key=key)
            >= settings.TZNR_ANONYMOUS_VOTES_PER_SESSION
        ):
            raise TooManyVotes
    try:
        with transaction.atomic():
            vote, _ = UsefulVote.objects.update_or_create(**lookup, defaults=values)
    except IntegrityError:  # the same voter's other tab, at the same moment
        UsefulVote.objects.filter(**lookup).update(**values)
        vote = UsefulVote.objects.get(**lookup)
    return vote


def problem_report(*, page, reporter, kind: str, note: str) -> ProblemReport:
    """A member's report; the page's owner is told by a task once it is committed."""
    with transaction.atomic():
        report = ProblemReport.objects.create(
            page_id=page.pk, reporter=reporter, kind=kind, note=note.strip()
        )
        transaction.on_commit(lambda: tasks.tell_owner_of_report.enqueue(report.pk))
    return report


def report_move(*, report: ProblemReport, state: str, by) -> ProblemReport:
    report.state = state
    report.handled_by = by
    report.save(update_fields=["state", "handled_by", "updated_at"])
    return report


def freshness_confirm(*, page, by, interval_months: int | None = None) -> Freshness:
    """« Confirmer inchangé »: checked today; the open « obsolète » reports are settled."""
    today = timezone.localdate()
    with transaction.atomic():
        freshness, created = Freshness.objects.select_for_update().get_or_create(
            page_id=page.pk,
            defaults={
                "verified_on": today,
                "verified_by": by,
                "interval_months": interval_months or 12,
            },
        )
        if not created:
            freshness.verified_on = today
            freshness.verified_by = by
            freshness.interval_months = interval_months or freshness.interval_months
            freshness.save()
        ProblemReport.objects.filter(page_id=page.pk, kind=ProblemReport.Kind.OBSOLETE).exclude(
            state=ProblemReport.State.TRAITE
        ).update(state=ProblemReport.State.TRAITE, handled_by=by, updated_at=timezone.now())
    return freshness


def freshness_remind(*, today=None) -> int:
    """Enqueue a reminder to the owner of each page whose review fell due and who was not yet
    reminded for that due date (manage.py feedback_clock); the number enqueued."""
    today = today or timezone.localdate()
    due = [row for row in selectors.freshness_list(today=today) if row.expired]
    reminded = dict(
        Freshness.objects.filter(page_id__in=[row.page.pk for row in due]).values_list(
            "page_id", "reminded_for"
        )
    )
    count = 0
    for row in due:
        if reminded.get(row.page.pk) == row.due_on:
            continue
        transaction.on_commit(
            partial(tasks.remind_owner_of_review.enqueue, row.page.pk, row.due_on.isoformat())
        )
        count += 1
    return count
