"""Reads of the feedback: who may answer, the satisfaction results, the votes and reports."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from wagtail.models import Page

from feedback.models import Freshness, Level, ProblemReport, SatisfactionAnswer, UsefulVote
from kb import providers
from kb.permissions import is_member, user_access
from kb.selectors import visible_pages

USEFUL_LEVELS = (Level.TRES_UTILE, Level.UTILE)
# The seeds' figures (questionnaire of January 2025 about 2024): « très utiles ou utiles ».
REVIEW_2024 = {"pleniere": 92, "webinaire": 100, "mensuelle": 88}
REVIEW_KINDS = (
    ("pleniere", "Réunions plénières"),
    ("webinaire", "Webinaires"),
    ("mensuelle", "Mensuelles"),
)


def is_animator(user) -> bool:
    return user_access(user).is_animator


# -- The questionnaire ---------------------------------------------------------------------------


def survey_closes_at(event):
    return event.end + timedelta(days=settings.TZNR_SATISFACTION_DAYS)


def survey_is_open(event, *, now=None) -> bool:
    """From the event's end, for TZNR_SATISFACTION_DAYS; never for a cancelled event."""
    now = now or timezone.now()
    return not event.cancelled and event.end <= now < survey_closes_at(event)


def is_participant(*, event, user) -> bool:
    """A member whose registration to the event is confirmed (events says who)."""
    if not is_member(user):
        return False
    return user.pk in (providers.ask(providers.EVENT_PARTICIPANTS, event.pk) or [])


def answer_for(*, event, user) -> SatisfactionAnswer | None:
    if not user.is_authenticated:
        return None
    return SatisfactionAnswer.objects.filter(event_id=event.pk, user=user).first()


def event_for_survey(*, event_id: int):
    """The live event page (its specific type) an answer may be about, or None."""
    page = Page.objects.live().filter(pk=event_id).first()
    if page is None:
        return None
    page = page.specific
    return page if all(hasattr(page, name) for name in ("kind", "end", "cancelled")) else None


# -- Results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """The answers of a group (an event, a kind, a year): counts per level and rates."""

    key: str
    label: str
    counts: dict
    url: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, *levels) -> float:
        """Percent of the answers at one of `levels`, to one decimal (0 without answers)."""
        if not self.total:
            return 0.0
        return round(100 * sum(self.counts.get(level, 0) for level in levels) / self.total, 1)

    @property
    def useful_rate(self) -> float:
        return self.share(*USEFUL_LEVELS)

    @property
    def breakdown(self) -> list[tuple[str, float, int]]:
        """(level label, percent, count) for the four levels, in the scale's order."""
        return [
            (label, self.share(value), self.counts.get(value, 0)) for value, label in Level.choices
        ]


def _answers(*, year=None, kind="") -> QuerySet[SatisfactionAnswer]:
    answers = SatisfactionAnswer.objects.all()
    if year:
        answers = answers.filter(event_year=year)
    if kind:
        answers = answers.filter(event_kind=kind)
    return answers


def _grouped(answers, *fields) -> list[dict]:
    counts = {value: Count("pk", filter=Q(level=value)) for value in Level.values}
    return list(answers.values(*fields).annotate(**counts).order_by(*fields))


def _counts(row) -> dict:
    return {value: row[value] for value in Level.values}


def satisfaction_by_kind(*, year=None) -> list[Result]:
    rows = _grouped(_answers(year=year), "event_kind", "event_kind_label")
    return [Result(row["event_kind"], row["event_kind_label"], _counts(row)) for row in rows]


def satisfaction_by_year(*, kind="") -> list[Result]:
    rows = _grouped(_answers(kind=kind), "event_year")
    return [Result(str(row["event_year"]), str(row["event_year"]), _counts(row)) for row in rows]


def satisfaction_by_event(*, year=None, kind="") -> list[Result]:
    rows = _grouped(_answers(year=year, kind=kind), "event_id")
    pages = {page.pk: page for page in Page.objects.filter(pk__in=[r["event_id"] for r in rows])}
    results = [
        Result(str(row["event_id"]), pages[row["event_id"]].title, _counts(row))
        for row in rows
        if row["event_id"] in pages
    ]
    return sorted(results, key=lambda result: result.label)


def satisfaction_for_event(*, event_id: int) -> Result:
    rows = _grouped(SatisfactionAnswer.objects.filter(event_id=event_id), "event_id")
    return Result(str(event_id), "", _counts(rows[0]) if rows else {})


def satisfaction_comments(*, event_id: int) -> QuerySet[SatisfactionAnswer]:
    """The comments of an event's answers, for animators (never shown in public)."""
    return (
        SatisfactionAnswer.objects.filter(event_id=event_id)
        .exclude(comment="")
        .order_by("-updated_at")
    )


def satisfaction_years() -> list[int]:
    return list(
        SatisfactionAnswer.objects.values_list("event_year", flat=True)
        .distinct()
        .order_by("-event_year")
    )


def satisfaction_kinds() -> list[tuple[str, str]]:
    return list(
        SatisfactionAnswer.objects.values_list("event_kind", "event_kind_label")
        .distinct()
        .order_by("event_kind_label")
    )


def satisfaction_home() -> list[dict]:
    """The home page's key figures: the 2024 review's rate beside the live one, per kind."""
    live = {result.key: result for result in satisfaction_by_kind()}
    return [
        {"label": label, "review": REVIEW_2024[kind], "live": live.get(kind)}
        for kind, label in REVIEW_KINDS
    ]


def page_visible_to(*, page_id: int, user) -> Page | None:
    """A live page the visitor may read, or None."""
    return visible_pages(Page.objects.filter(pk=page_id), user).first()


def personal_data_of(user) -> dict:
    """What the feedback keeps about a person (« Mon profil », JSON download)."""
    return {
        "reponses_satisfaction": [
            {
                "evenement": answer.event_id,
                "utilite": answer.get_level_display(),
                "commentaire": answer.comment,
                "modifiee_le": answer.updated_at.isoformat(),
            }
            for answer in user.satisfaction_answers.order_by("created_at")
        ],
        "questionnaires_recus": [
            {"evenement": invitation.event_id, "envoye_le": invitation.sent_at.isoformat()}
            for invitation in user.survey_invitations.order_by("sent_at")
        ],
        "votes_utile": [
            {"page": vote.page_id, "utile": vote.useful, "raison": vote.reason}
            for vote in user.useful_votes.order_by("created_at")
        ],
        "signalements": [
            {
                "page": report.page_id,
                "probleme": report.get_kind_display(),
                "precisions": report.note,
                "etat": report.get_state_display(),
                "signale_le": report.created_at.isoformat(),
            }
            for report in user.problem_reports.order_by("created_at")
        ],
    }


# -- Feedback on content -------------------------------------------------------------------------

# The pages that ask « utile ? » and offer « Signaler un problème » (labels, never imports).
CONTENT_TYPES = ("kb.fichepage", "resources.resourcepage", "resources.recordingpage")
# The pages that carry « Vérifiée le » and a review interval.
FRESHNESS_TYPES = ("kb.fichepage", "resources.resourcepage")


def page_label(page) -> str:
    return page.specific_class._meta.label_lower if page.specific_class else ""


def is_content_page(page) -> bool:
    return page_label(page) in CONTENT_TYPES


def vote_for(*, page, request) -> UsefulVote | None:
    if request.user.is_authenticated:
        return UsefulVote.objects.filter(page_id=page.pk, user=request.user).first()
    key = request.session.session_key
    if not key:
        return None
    return UsefulVote.objects.filter(page_id=page.pk, user__isnull=True, session_key=key).first()


def session_vote_count(*, session_key: str) -> int:
    return UsefulVote.objects.filter(user__isnull=True, session_key=session_key).count()


@dataclass(frozen=True)
class Votes:
    members_yes: int
    members_no: int
    visitors_yes: int
    visitors_no: int


def votes_on(*, page_id: int) -> Votes:
    """Members' and visitors' votes, counted apart."""
    counts = UsefulVote.objects.filter(page_id=page_id).aggregate(
        members_yes=Count("pk", filter=Q(user__isnull=False, useful=True)),
        members_no=Count("pk", filter=Q(user__isnull=False, useful=False)),
        visitors_yes=Count("pk", filter=Q(user__isnull=True, useful=True)),
        visitors_no=Count("pk", filter=Q(user__isnull=True, useful=False)),
    )
    return Votes(**counts)


def report_list(*, state: str = "") -> QuerySet[ProblemReport]:
    reports = ProblemReport.objects.select_related("page", "reporter", "handled_by")
    return reports.filter(state=state) if state else reports


def report_counts() -> dict[str, int]:
    rows = ProblemReport.objects.values("state").annotate(n=Count("pk"))
    counts = {state: 0 for state in ProblemReport.State.values}
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


# -- Freshness -----------------------------------------------------------------------------------


def add_months(day, months: int):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class Staleness:
    page: Page
    verified_on: object  # a date
    due_on: object  # a date
    interval_months: int
    expired: bool  # the review is due
    reported: int  # open « obsolète » reports

    @property
    def reasons(self) -> list[str]:
        reasons = ["revue échue"] if self.expired else []
        if self.reported:
            reasons.append(f"signalée obsolète ({self.reported})")
        return reasons


def freshness_list(*, today=None, stale_only: bool = True) -> list[Staleness]:
    """Live fiches and resources with their review dates; the stale ones (review due, or an
    open « obsolète » report) first by due date."""
    today = today or timezone.localdate()
    types = [ContentType.objects.get_by_natural_key(*label.split(".")) for label in FRESHNESS_TYPES]
    pages = Page.objects.live().filter(content_type__in=types).order_by("title")
    checks = {f.page_id: f for f in Freshness.objects.filter(page__in=pages)}
    reported = dict(
        ProblemReport.objects.filter(page__in=pages, kind=ProblemReport.Kind.OBSOLETE)
        .exclude(state=ProblemReport.State.TRAITE)
        .values("page_id")
        .annotate(n=Count("pk"))
        .values_list("page_id", "n")
    )
    rows = []
    for page in pages:
        check = checks.get(page.pk)
        if check is not None:
            verified, interval = check.verified_on, check.interval_months
        else:
            published = page.last_published_at or page.first_published_at
            verified, interval = timezone.localdate(published), 12
        due = add_months(verified, interval)
        row = Staleness(page, verified, due, interval, due <= today, reported.get(page.pk, 0))
        if row.expired or row.reported or not stale_only:
            rows.append(row)
    return sorted(rows, key=lambda row: (row.due_on, row.page.title))


@dataclass(frozen=True)
class PageFeedback:
    verified_on: object  # a date, or None on a page without freshness
    vote: UsefulVote | None  # the signed-in member's vote


def page_feedback(*, page, user) -> PageFeedback:
    """« Vérifiée le » and the member's vote, in one query (a fiche's page reads few)."""
    votes = UsefulVote.objects.filter(page_id=OuterRef("pk"), user_id=user.pk or 0)
    row = (
        Page.objects.filter(pk=page.pk)
        .annotate(
            verified=Subquery(
                Freshness.objects.filter(page_id=OuterRef("pk")).values("verified_on")[:1]
            ),
            useful=Subquery(votes.values("useful")[:1]),
            reason=Subquery(votes.values("reason")[:1]),
        )
        .values("verified", "useful", "reason")
        .first()
    ) or {"verified": None, "useful": None, "reason": ""}
    vote = None
    if row["useful"] is not None and user.is_authenticated:
        vote = UsefulVote(page_id=page.pk, user=user, useful=row["useful"], reason=row["reason"])
    verified = None
    if page_label(page) in FRESHNESS_TYPES:
        published = page.last_published_at or page.first_published_at
        verified = row["verified"] or (timezone.localdate(published) if published else None)
    return PageFeedback(verified, vote)
