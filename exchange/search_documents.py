"""How questions and remontées become search documents: members only, kinds `question` and
`remontee` (registered in ExchangeConfig)."""

from exchange.models import Answer, Question, Remontee, RemonteeStep
from exchange.selectors import question_list_visible, remontee_list_visible
from kb.markdown import plain_text
from kb.models import Axis, Territory
from kb.searchable import ObjectSource, SearchDocument


def question_document(question: Question) -> SearchDocument:
    """The retained answer first, so that a hit's snippet shows it; then the question and the
    other answers still shown."""
    retained = question.retained_answer
    answers = [
        a for a in question.answers.all() if a.is_visible and a.pk != question.retained_answer_id
    ]
    parts = []
    if retained is not None and retained.is_visible:
        parts.append(f"Réponse retenue : {plain_text(retained.body)}")
    parts.append(plain_text(question.body))
    parts += [plain_text(answer.body) for answer in answers]
    return SearchDocument(
        kind="question",
        title=question.title,
        url=question.get_absolute_url(),
        text="\n".join(parts),
        date=question.last_activity_at.date(),
        members_only=True,
        facets={
            "axis": [question.axis.slug],
            "territory": sorted(t.slug for t in question.territories.all()),
            "region": sorted({t.region for t in question.territories.all()}),
        },
    )


def remontee_document(remontee: Remontee) -> SearchDocument:
    notes = [plain_text(step.note) for step in remontee.steps.all() if step.note]
    return SearchDocument(
        kind="remontee",
        title=remontee.title,
        url=remontee.get_absolute_url(),
        text="\n".join([plain_text(remontee.body), *notes]),
        date=remontee.last_activity_at.date(),
        members_only=True,
        facets={
            "axis": [remontee.axis.slug],
            "territory": [remontee.territory.slug],
            "region": [remontee.territory.region],
        },
    )


QUESTIONS = ObjectSource(
    model=Question,
    kind="question",
    kind_label="Question",
    objects=lambda: (
        question_list_visible().select_related("retained_answer").prefetch_related("answers")
    ),
    build=question_document,
    depends_on={Answer: "answers", Axis: "axis", Territory: "territories"},
    many_to_many=("territories",),
)

REMONTEES = ObjectSource(
    model=Remontee,
    kind="remontee",
    kind_label="Remontée",
    objects=remontee_list_visible,
    build=remontee_document,
    depends_on={RemonteeStep: "steps", Axis: "axis", Territory: "territory"},
)
