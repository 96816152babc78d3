"""Reads of the exchange: question and remontée lists, one question or remontée, counts."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from exchange.models import (
    Answer,
    ModerationAction,
    NotificationPreferences,
    Question,
    QuestionVote,
    Remontee,
    RemonteeStep,
    RemonteeSupport,
    Report,
)
from kb.permissions import user_access


def can_moderate(user) -> bool:
    """Animators (and administrators) move remontées, retain answers, hide messages."""
    return user_access(user).is_animator


def question_list_visible() -> QuerySet[Question]:
    """Questions every member sees: not deleted, not hidden; with their vote count."""
    return (
        Question.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .select_related("axis")
        .prefetch_related("territories")
        .annotate(vote_count=Count("votes", distinct=True))
    )


def question_list_for_page(*, page, limit: int | None = None) -> list[Question]:
    """The questions about this fiche, event or recording, most recently active first."""
    questions = question_list_visible().filter(about=page).order_by("-last_activity_at")
    return list(questions[:limit] if limit else questions)


def question_list_for_mensuelle(*, occurrence) -> list[Question]:
    """The questions sent to this Mensuelle occurrence, most « Moi aussi » first."""
    return list(
        question_list_visible()
        .filter(mensuelle=occurrence)
        .select_related("recording")
        .order_by("-vote_count", "created_at")
    )


def question_get(*, pk: int) -> Question | None:
    """A question as its page shows it (also when deleted or hidden: its page says so)."""
    return (
        Question.objects.select_related("axis", "author", "about", "mensuelle", "recording")
        .prefetch_related("territories")
        .annotate(vote_count=Count("votes", distinct=True))
        .filter(pk=pk)
        .first()
    )


def answer_list_for_question(*, question: Question) -> list[Answer]:
    return list(question.answers.select_related("author"))


def answer_get(*, pk: int) -> Answer | None:
    return Answer.objects.select_related("question", "author").filter(pk=pk).first()


def question_voted_by(*, question: Question, user) -> bool:
    return QuestionVote.objects.filter(question=question, user=user).exists()


def remontee_list_visible() -> QuerySet[Remontee]:
    return (
        Remontee.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .select_related("axis", "territory")
        .annotate(
            support_count=Count("supports", distinct=True),
            territory_count=Count("supports__territory", distinct=True),
        )
    )


def remontee_get(*, pk: int) -> Remontee | None:
    return (
        Remontee.objects.select_related("axis", "territory", "author")
        .prefetch_related(Prefetch("steps", queryset=RemonteeStep.objects.select_related("author")))
        .annotate(
            support_count=Count("supports", distinct=True),
            territory_count=Count("supports__territory", distinct=True),
        )
        .filter(pk=pk)
        .first()
    )


def remontee_support_of(*, remontee: Remontee, user) -> RemonteeSupport | None:
    return RemonteeSupport.objects.filter(remontee=remontee, user=user).first()


def remontee_supporting_territories(*, remontee: Remontee) -> list[str]:
    names = remontee.supports.values_list("territory__name", flat=True).distinct()
    return sorted(set(names))


def message_count_since(*, user, hours: int = 1) -> int:
    """How many questions, answers and remontées `user` wrote in the last `hours`."""
    since = timezone.now() - timedelta(hours=hours)
    return sum(
        model.objects.filter(author=user, created_at__gte=since).count()
        for model in (Question, Answer, Remontee)
    )


def preferences_for(*, user) -> NotificationPreferences:
    """The member's choices (the defaults, unsaved, when they never chose)."""
    found = NotificationPreferences.objects.filter(user=user).first()
    return found if found is not None else NotificationPreferences(user=user)


def report_list_for(*, message) -> QuerySet[Report]:
    content_type = ContentType.objects.get_for_model(message)
    return Report.objects.filter(content_type=content_type, object_id=message.pk)


def moderation_history_for(*, message) -> QuerySet[ModerationAction]:
    content_type = ContentType.objects.get_for_model(message)
    return ModerationAction.objects.filter(
        content_type=content_type, object_id=message.pk
    ).select_related("by")


def personal_data_of(user) -> dict:
    """What the exchange keeps about `user` (« Mon profil », JSON download)."""

    def message(item) -> dict:
        return {
            "date": item.created_at.isoformat(),
            "titre": getattr(item, "title", ""),
            "texte": item.body,
            "supprimé": item.is_deleted,
            "masqué": item.is_hidden,
        }

    preferences = preferences_for(user=user)
    return {
        "questions": [message(q) for q in Question.objects.filter(author=user)],
        "réponses": [message(a) for a in Answer.objects.filter(author=user)],
        "remontées": [message(r) for r in Remontee.objects.filter(author=user)],
        "« moi aussi »": list(
            QuestionVote.objects.filter(user=user).values_list("question__title", flat=True)
        ),
        "« nous aussi »": [
            {"remontée": title, "territoire": territory}
            for title, territory in RemonteeSupport.objects.filter(user=user).values_list(
                "remontee__title", "territory__name"
            )
        ],
        "signalements faits": [
            {"date": report.created_at.isoformat(), "motif": report.reason}
            for report in Report.objects.filter(reporter=user)
        ],
        "notifications choisies": {
            field.verbose_name: getattr(preferences, field.name)
            for field in preferences._meta.get_fields()
            if getattr(field, "get_internal_type", lambda: "")() == "BooleanField"
        },
    }
