"""Writes of the exchange, each in one transaction; notifications leave after commit (tasks)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from exchange import tasks
from exchange.models import (
    Answer,
    Message,
    ModerationAction,
    NotificationPreferences,
    Question,
    QuestionVote,
    Remontee,
    RemonteeStep,
    RemonteeSupport,
    Report,
)
from exchange.selectors import message_count_since
from kb import activity


class ExchangeError(Exception):
    """A write refused for a reason the member must read (French message)."""


def messages_per_hour() -> int:
    return settings.TZNR_EXCHANGE_MESSAGES_PER_HOUR


def check_rate(*, user) -> None:
    """At most TZNR_EXCHANGE_MESSAGES_PER_HOUR questions, answers and remontées an hour."""
    limit = messages_per_hour()
    if message_count_since(user=user, hours=1) >= limit:
        raise ExchangeError(
            f"Vous avez publié {limit} messages au cours de la dernière heure, la limite "
            "fixée pour éviter les envois en masse. Votre texte n'est pas perdu : "
            "réessayez un peu plus tard."
        )


def _after_commit(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


def _announce() -> None:
    """Something new for followers (exchange.activity): immediate digests after commit."""
    transaction.on_commit(activity.announce)


# -- questions and answers ------------------------------------------------------------------


@transaction.atomic
def question_ask(
    *, author, title: str, body: str, axis, territories, about=None, mensuelle=None
) -> Question:
    check_rate(user=author)
    question = Question.objects.create(
        author=author, title=title, body=body, axis=axis, about=about, mensuelle=mensuelle
    )
    question.territories.set(territories)
    _announce()
    return question


@transaction.atomic
def question_edit(*, question: Question, title: str, body: str, axis, territories) -> Question:
    question.title, question.body, question.axis = title, body, axis
    question.edited_at = timezone.now()
    question.save()
    question.territories.set(territories)
    return question


@transaction.atomic
def message_delete(*, message: Message) -> Message:
    """Its author deletes it: the text is emptied, the row stays (« message supprimé »)."""
    message.deleted_at = timezone.now()
    message.body = ""
    if isinstance(message, Answer):
        question = message.question
        if question.retained_answer_id == message.pk:
            _unretain(question)
    message.save()
    return message


def _unretain(question: Question) -> None:
    question.retained_answer = None
    question.retained_at = question.retained_by = None
    question.save()


@transaction.atomic
def answer_post(*, question: Question, author, body: str) -> Answer:
    check_rate(user=author)
    if question.is_deleted or question.is_hidden:
        raise ExchangeError("Cette question n'accepte plus de réponses.")
    answer = Answer.objects.create(question=question, author=author, body=body)
    Question.objects.filter(pk=question.pk).update(last_activity_at=answer.created_at)
    _after_commit(tasks.notify_answer, answer.pk)
    _announce()
    return answer


@transaction.atomic
def message_edit(*, message: Message, body: str) -> Message:
    message.body = body
    message.edited_at = timezone.now()
    message.save()
    return message


@transaction.atomic
def answer_retain(*, answer: Answer, by) -> Question:
    """« Réponse retenue »: the question becomes résolue; its asker is told."""
    if not answer.is_visible:
        raise ExchangeError("Une réponse supprimée ou masquée ne peut pas être retenue.")
    question = answer.question
    question.retained_answer = answer
    question.retained_at = timezone.now()
    question.retained_by = by
    question.last_activity_at = question.retained_at
    question.save()
    _after_commit(tasks.notify_retained, question.pk, answer.pk)
    _announce()
    return question


@transaction.atomic
def question_vote_toggle(*, question: Question, user) -> bool:
    """« Moi aussi » on or off; True when the member now shares the question."""
    if question.author_id == user.pk:
        raise ExchangeError("Vous avez posé cette question : « Moi aussi » est pour les autres.")
    deleted, _ = QuestionVote.objects.filter(question=question, user=user).delete()
    if deleted:
        return False
    QuestionVote.objects.create(question=question, user=user)
    return True


@transaction.atomic
def question_mark_treated(*, question: Question, by, recording=None, seconds=None) -> Question:
    """« Traitée en Mensuelle », with the recording's moment when there is one."""
    question.mensuelle_treated_at = timezone.now()
    question.mensuelle_treated_by = by
    question.recording = recording
    question.recording_time = seconds if recording is not None else None
    question.save()
    return question


# -- remontées ------------------------------------------------------------------------------


@transaction.atomic
def remontee_raise(*, author, kind: str, title: str, body: str, axis, territory) -> Remontee:
    check_rate(user=author)
    remontee = Remontee.objects.create(
        author=author, kind=kind, title=title, body=body, axis=axis, territory=territory
    )
    RemonteeStep.objects.create(
        remontee=remontee, state=Remontee.State.RECUE, author=author, created_at=remontee.created_at
    )
    _after_commit(tasks.notify_new_remontee, remontee.pk)
    _announce()
    return remontee


@transaction.atomic
def remontee_edit(*, remontee: Remontee, title: str, body: str, kind: str, axis, territory):
    remontee.title, remontee.body, remontee.kind = title, body, kind
    remontee.axis, remontee.territory = axis, territory
    remontee.edited_at = timezone.now()
    remontee.save()
    return remontee


@transaction.atomic
def remontee_move(*, remontee: Remontee, state: str, note: str, by) -> RemonteeStep:
    """An animator moves the remontée to `state` with a public note; its author is told."""
    step = RemonteeStep.objects.create(remontee=remontee, state=state, note=note, author=by)
    remontee.state = state
    remontee.last_activity_at = step.created_at
    remontee.save(update_fields=["state", "last_activity_at"])
    _after_commit(tasks.notify_remontee_state, step.pk)
    _announce()
    return step


@transaction.atomic
def remontee_support_toggle(*, remontee: Remontee, user, territory=None) -> bool:
    """« Nous aussi » on or off (with the member's territory); True when now supported."""
    deleted, _ = RemonteeSupport.objects.filter(remontee=remontee, user=user).delete()
    if deleted:
        return False
    if territory is None:
        raise ExchangeError("Choisissez votre territoire.")
    RemonteeSupport.objects.create(remontee=remontee, user=user, territory=territory)
    return True


# -- moderation -----------------------------------------------------------------------------


@transaction.atomic
def report_message(*, message: Message, reporter, reason: str) -> Report:
    report = Report.objects.create(
        content_type=ContentType.objects.get_for_model(message),
        object_id=message.pk,
        reporter=reporter,
        reason=reason,
    )
    _after_commit(tasks.notify_report, report.pk)
    return report


def _log(message: Message, action: str, by) -> ModerationAction:
    return ModerationAction.objects.create(
        content_type=ContentType.objects.get_for_model(message),
        object_id=message.pk,
        action=action,
        by=by,
    )


def _close_reports(message: Message, by) -> None:
    Report.objects.filter(
        content_type=ContentType.objects.get_for_model(message),
        object_id=message.pk,
        closed_at__isnull=True,
    ).update(closed_at=timezone.now(), closed_by=by)


@transaction.atomic
def message_hide(*, message: Message, by) -> ModerationAction:
    message.hidden_at = timezone.now()
    message.hidden_by = by
    message.save()
    _close_reports(message, by)
    return _log(message, ModerationAction.Action.HIDE, by)


@transaction.atomic
def message_restore(*, message: Message, by) -> ModerationAction:
    message.hidden_at = None
    message.hidden_by = None
    message.save()
    _close_reports(message, by)
    return _log(message, ModerationAction.Action.RESTORE, by)


@transaction.atomic
def report_dismiss(*, report: Report, by) -> ModerationAction:
    message = report.message
    _close_reports(message, by)
    return _log(message, ModerationAction.Action.DISMISS, by)


# -- preferences ----------------------------------------------------------------------------


@transaction.atomic
def preferences_save(*, user, choices: dict) -> NotificationPreferences:
    preferences, _ = NotificationPreferences.objects.update_or_create(user=user, defaults=choices)
    return preferences
