"""Reads of the feedback: who may answer, the satisfaction results, the votes and reports."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from feedback.models import (
    DailyCount,
    Freshness,
    Level,
    ProblemReport,
    SatisfactionAnswer,
    SearchCount,
    UsefulVote,
)
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


# -- Usage ---------------------------------------------------------------------------------------

PAGE_KINDS = {
    "kb.fichepage": "Fiche",
    "resources.resourcepage": "Ressource",
    "resources.recordingpage": "Enregistrement",
    "events.eventpage": "Événement",
}


@dataclass(frozen=True)
class Used:
    """An item and its uses over a period (a page, a document)."""

    label: str
    url: str
    kind: str  # « Fiche », « Document »…
    total: int


def _period(queryset, since, until):
    return queryset.filter(day__gte=since, day__lte=until)


def usage_totals(*, since, until) -> dict[str, int]:
    """Uses of each kind (DailyCount.Kind) over the period, searches and empty searches."""
    rows = _period(DailyCount.objects, since, until).values("kind").annotate(total=Sum("n"))
    totals = {kind: 0 for kind in DailyCount.Kind.values}
    totals.update({row["kind"]: row["total"] for row in rows})
    searches = _period(SearchCount.objects, since, until).aggregate(
        all=Sum("n"), empty=Sum("n", filter=Q(results=0))
    )
    totals["searches"] = searches["all"] or 0
    totals["empty_searches"] = searches["empty"] or 0
    return totals


def usage_top(*, kind: str, since, until, user, limit: int = 10) -> list[Used]:
    """The most used pages (or documents) over the period, among those the animator may see
    today (a page deleted or unpublished since drops out)."""
    rows = (
        _period(DailyCount.objects.filter(kind=kind), since, until)
        .values("item")
        .annotate(total=Sum("n"))
        .order_by("-total", "item")
    )
    totals = {row["item"]: row["total"] for row in rows[: limit * 3]}
    if kind == DailyCount.Kind.DOCUMENT:
        documents = get_document_model().objects.filter(pk__in=totals)
        items = {doc.pk: (doc.title, doc.url, "Document") for doc in documents}
    else:
        pages = visible_pages(Page.objects.filter(pk__in=totals), user).select_related(
            "content_type"
        )
        items = {
            page.pk: (
                page.title,
                page.url,
                PAGE_KINDS.get(f"{page.content_type.app_label}.{page.content_type.model}", "Page"),
            )
            for page in pages
        }
    used = [Used(*items[item], total) for item, total in totals.items() if item in items]
    return used[:limit]


@dataclass(frozen=True)
class UsefulItem:
    label: str
    url: str
    yes: int
    no: int

    @property
    def rate(self) -> int:
        return round(100 * self.yes / (self.yes + self.no)) if self.yes + self.no else 0


def useful_top(*, since, until, user, limit: int = 10) -> list[UsefulItem]:
    """The pages voted useful most often (members and visitors) by votes given or changed
    during the period."""
    rows = (
        UsefulVote.objects.filter(updated_at__date__gte=since, updated_at__date__lte=until)
        .values("page_id")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
        .filter(yes__gt=0)
        .order_by("-yes", "no", "page_id")
    )
    votes = {row["page_id"]: (row["yes"], row["no"]) for row in rows[: limit * 3]}
    pages = {p.pk: p for p in visible_pages(Page.objects.filter(pk__in=votes), user)}
    items = [
        UsefulItem(pages[pk].title, pages[pk].url, yes, no)
        for pk, (yes, no) in votes.items()
        if pk in pages
    ]
    return items[:limit]


@dataclass(frozen=True)
class Week:
    monday: object  # a date
    counts: dict  # kind (DailyCount.Kind, "searches") -> uses


def usage_by_week(*, since, until) -> list[Week]:
    """Uses per ISO week (from the Monday of `since`'s week), every week listed."""
    first = since - timedelta(days=since.weekday())
    weeks = {}
    monday = first
    while monday <= until:
        weeks[monday] = dict.fromkeys([*DailyCount.Kind.values, "searches"], 0)
        monday += timedelta(days=7)
    days = _period(DailyCount.objects, since, until).values("day", "kind").annotate(total=Sum("n"))
    for row in days:
        weeks[row["day"] - timedelta(days=row["day"].weekday())][row["kind"]] += row["total"]
    searches = _period(SearchCount.objects, since, until).values("day").annotate(total=Sum("n"))
    for row in searches:
        weeks[row["day"] - timedelta(days=row["day"].weekday())]["searches"] += row["total"]
    return [Week(monday, counts) for monday, counts in weeks.items()]


def search_top(*, since, until, empty: bool = False, limit: int = 20) -> list[tuple[str, int]]:
    """The queries searched most often over the period, (query, times); with `empty`, those
    that found nothing."""
    searches = _period(SearchCount.objects, since, until)
    if empty:
        searches = searches.filter(results=0)
    rows = searches.values("query").annotate(total=Sum("n")).order_by("-total", "query")
    return [(row["query"], row["total"]) for row in rows[:limit]]
