"""Writes of the feedback. Side effects (e-mails) are tasks enqueued after commit."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from feedback import tasks
from feedback.models import SatisfactionAnswer, SurveyInvitation
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
