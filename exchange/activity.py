"""Questions and remontées in what members follow (registered in exchange.plugins, read by the
follows app through kb.activity; exchange never imports follows).

A member may follow a question or a remontée (members only). What becomes new: a question
(for its axis, territories and the fiche it is about), an answer and a retained answer (for
its question, and an answer also for the question's axis and territories), each step of a
remontée — its arrival, then each change of state (for the remontée, its axis and territory).
All members only, dated when they happened, read at digest time: a message deleted or hidden
by then is left out. Whom exchange already e-mails about an item (the asker on an answer, the
author on a state change, animators on a new remontée, as their preferences say) and its own
author are in `known_to`: digests leave it out for them, so nobody hears of it twice.
"""

from django.db.models import Min
from django.utils.text import Truncator

from exchange import pages
from exchange.models import Answer, Question, Remontee, RemonteeStep
from exchange.selectors import question_list_visible
from exchange.tasks import animators, wants
from kb import activity
from kb.markdown import plain_text

SUMMARY_WORDS = 40


def _summary(text: str) -> str:
    return Truncator(plain_text(text)).words(SUMMARY_WORDS)


def _told(user, preference: str) -> bool:
    """Whether exchange's own e-mail tells `user` (exchange.tasks' rule)."""
    return user is not None and user.is_active and bool(user.email) and wants(user, preference)


def _known(*ids) -> frozenset[int]:
    return frozenset(pk for pk in ids if pk is not None)


def _question_concerns(question: Question, **others) -> frozenset[activity.Concern]:
    return activity.concerns_of(
        axis=question.axis.slug,
        territories=[territory.slug for territory in question.territories.all()],
        question=[question.pk],
        **others,
    )


def question_targets(keys) -> dict[str, activity.Target]:
    pks = [int(key) for key in keys if str(key).isdigit() and len(str(key)) < 19]
    return {
        str(question.pk): activity.Target(question.title, question.get_absolute_url())
        for question in Question.objects.filter(
            pk__in=pks, deleted_at__isnull=True, hidden_at__isnull=True
        ).only("pk", "title")
    }


def remontee_targets(keys) -> dict[str, activity.Target]:
    pks = [int(key) for key in keys if str(key).isdigit() and len(str(key)) < 19]
    return {
        str(remontee.pk): activity.Target(remontee.title, remontee.get_absolute_url())
        for remontee in Remontee.objects.filter(
            pk__in=pks, deleted_at__isnull=True, hidden_at__isnull=True
        ).only("pk", "title")
    }


def question_items(since, until):
    """New questions; one about a fiche concerns that fiche's followers too."""
    questions = (
        question_list_visible()
        .filter(created_at__gt=since, created_at__lte=until)
        .select_related("about")
    )
    fiche_types = {content_type.pk for content_type in pages.content_types(("kb.fichepage",))}
    for question in questions:
        about = question.about
        fiche = [about.pk] if about is not None and about.content_type_id in fiche_types else []
        yield activity.Item(
            key=f"question:{question.pk}",
            source="questions",
            title=question.title,
            url=question.get_absolute_url(),
            date=question.created_at,
            summary=_summary(question.body),
            members_only=True,
            concerns=_question_concerns(question, fiche=fiche),
            document=(Question, question.pk),
            known_to=_known(question.author_id),
        )


def answer_items(since, until):
    """New answers (still shown, to a question still shown) and retained answers."""
    answers = (
        Answer.objects.filter(
            created_at__gt=since,
            created_at__lte=until,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
            question__deleted_at__isnull=True,
            question__hidden_at__isnull=True,
        )
        .select_related("author", "question__axis", "question__author__exchange_preferences")
        .prefetch_related("question__territories")
    )
    for answer in answers:
        question, asker = answer.question, answer.question.author
        told = asker is not None and asker.pk != answer.author_id and _told(asker, "answers")
        yield activity.Item(
            key=f"answer:{answer.pk}",
            source="answers",
            title=question.title,
            url=answer.get_absolute_url(),
            date=answer.created_at,
            summary=f"{answer.author_name()} : {_summary(answer.body)}",
            members_only=True,
            concerns=_question_concerns(question),
            document=(Question, question.pk),
            known_to=_known(answer.author_id, asker.pk if told else None),
        )
    retained = (
        question_list_visible()
        .filter(retained_at__gt=since, retained_at__lte=until, retained_answer__isnull=False)
        .select_related("retained_answer__author", "author__exchange_preferences")
    )
    for question in retained:
        answer, asker = question.retained_answer, question.author
        if not answer.is_visible:
            continue
        told = (
            asker is not None and asker.pk != question.retained_by_id and _told(asker, "retained")
        )
        yield activity.Item(
            key=f"retained:{question.pk}:{answer.pk}",
            source="answers",
            title=question.title,
            url=answer.get_absolute_url(),
            date=question.retained_at,
            label="réponse retenue",
            summary=f"{answer.author_name()} : {_summary(answer.body)}",
            members_only=True,
            concerns=frozenset({("question", str(question.pk))}),
            document=(Question, question.pk),
            known_to=_known(question.retained_by_id, asker.pk if told else None),
        )


def remontee_items(since, until):
    """Each step of a remontée still shown: its arrival (« reçue »), then its states."""
    steps = (
        RemonteeStep.objects.filter(
            created_at__gt=since,
            created_at__lte=until,
            remontee__deleted_at__isnull=True,
            remontee__hidden_at__isnull=True,
        )
        .select_related(
            "remontee__axis", "remontee__territory", "remontee__author__exchange_preferences"
        )
        .order_by("created_at", "pk")
    )
    steps = list(steps)
    # A remontée's first step is its arrival (services.remontee_raise writes it with it).
    firsts = dict(
        RemonteeStep.objects.filter(remontee__in={step.remontee_id for step in steps})
        .order_by()
        .values("remontee")
        .annotate(first=Min("pk"))
        .values_list("remontee", "first")
    )
    told_of_new = None
    for step in steps:
        remontee = step.remontee
        arrival = firsts.get(remontee.pk) == step.pk
        if arrival:
            if told_of_new is None:
                told_of_new = [a.pk for a in animators() if wants(a, "new_remontees")]
            known = _known(remontee.author_id, *told_of_new)
        else:
            author = remontee.author
            told = (
                author is not None
                and author.pk != step.author_id
                and _told(author, "remontee_states")
            )
            known = _known(step.author_id, author.pk if told else None)
        yield activity.Item(
            key=f"remontee-step:{step.pk}",
            source="remontees",
            title=remontee.title,
            url=remontee.get_absolute_url(),
            date=step.created_at,
            label="nouvelle" if arrival else step.get_state_display().lower(),
            summary=_summary(remontee.body if arrival else step.note),
            members_only=True,
            concerns=activity.concerns_of(
                axis=remontee.axis.slug,
                territories=[remontee.territory.slug],
                remontee=[remontee.pk],
            ),
            document=(Remontee, remontee.pk),
            known_to=known,
        )


def register() -> None:
    activity.register_followable(
        activity.Followable("question", "la question", question_targets, members_only=True)
    )
    activity.register_followable(
        activity.Followable("remontee", "la remontée", remontee_targets, members_only=True)
    )
    activity.register_source(activity.Source("questions", "Questions", question_items, order=50))
    activity.register_source(activity.Source("answers", "Réponses", answer_items, order=55))
    activity.register_source(activity.Source("remontees", "Remontées", remontee_items, order=60))
