"""Writes of the feedback. Side effects (e-mails) are tasks enqueued after commit."""

import logging
import re
import threading
import time
import unicodedata
from collections import Counter
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.utils import timezone

from feedback import selectors, tasks
from feedback.models import (
    DailyCount,
    Freshness,
    ProblemReport,
    SatisfactionAnswer,
    SearchCount,
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


# -- Usage, counted without tracking -------------------------------------------------------------

logger = logging.getLogger(__name__)
MASKED = "[donnée personnelle masquée]"
# An e-mail address, a phone number, or a long run of digits (social security, bank account).
PERSONAL = re.compile(
    r"[^\s@]+@[^\s@]+|(?:\+33|\b0)\s*[1-9](?:[\s.-]*\d{2}){4}\b|\d(?:[\s.-]?\d){8,}"
)
PUNCTUATION = re.compile(r"[^\w'’-]+")
ROWS_PER_STATEMENT = 200  # well below SQLite's oldest limit of 999 parameters a statement


def _add(model, using: str, rows: list[tuple[tuple, int]]) -> None:
    """One `INSERT … ON CONFLICT … DO UPDATE SET n = n + excluded.n` for many rows
    (PostgreSQL and SQLite alike): concurrent writers never lose an increment, and no row is
    read first. The ORM has no upsert that adds (bulk_create's update_conflicts overwrites).
    The caller sorts the rows: in one order everywhere, two processes never deadlock."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [name for name, _ in rows[0][0]]
    columns = ", ".join(quote(name) for name in names)
    one = "(" + ", ".join(["%s"] * (len(names) + 1)) + ")"
    n = quote("n")
    sql = (
        f"INSERT INTO {table} ({columns}, {n}) VALUES {', '.join([one] * len(rows))} "  # noqa: S608
        f"ON CONFLICT ({columns}) DO UPDATE SET {n} = {table}.{n} + excluded.{n}"
    )
    params = [value for fields, count in rows for value in (*dict(fields).values(), count)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


class Pending:
    """The uses this process counted and has not written yet. Counting only adds to memory;
    the request that finds the last write TZNR_USAGE_FLUSH_SECONDS old writes them all, and
    the process writes what is left when it exits: a page pays one statement every few
    seconds, not one per view."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts: Counter = Counter()  # (model, using, fields) -> uses
        self.written_at = time.monotonic()

    def add(self, model, using: str, **fields) -> bool:
        with self.lock:
            self.counts[model, using, tuple(fields.items())] += 1
            due = time.monotonic() - self.written_at >= settings.TZNR_USAGE_FLUSH_SECONDS
        return self.write() if due else True

    def write(self) -> bool:
        """Write every pending use; a failure is logged and those uses are dropped (a page
        never fails for a counter). Inside a transaction (a view's), a savepoint keeps a
        failure from spoiling it."""
        with self.lock:
            counts, self.counts = self.counts, Counter()
            self.written_at = time.monotonic()
        groups: dict[tuple, list] = {}
        for (model, using, fields), count in counts.items():
            groups.setdefault((model, using), []).append((fields, count))
        written = True
        for (model, using), rows in groups.items():
            rows.sort()
            for start in range(0, len(rows), ROWS_PER_STATEMENT):
                chunk = rows[start : start + ROWS_PER_STATEMENT]
                try:
                    if connections[using].in_atomic_block:
                        with transaction.atomic(using=using):
                            _add(model, using, chunk)
                    else:  # one statement, committed at once
                        _add(model, using, chunk)
                except Exception:
                    logger.exception("Usage not counted: %s (%d rows)", model.__name__, len(chunk))
                    written = False
        return written


pending = Pending()


def usage_count(*, kind: str, item: int, day=None, using: str = DEFAULT_DB_ALIAS) -> bool:
    """One more page read, document downloaded or video played today; False when writing the
    pending uses failed (logged)."""
    return pending.add(DailyCount, using, day=day or timezone.localdate(), kind=kind, item=item)


def search_query_normalised(text: str) -> str:
    """The query as it is counted: lower case, words only (punctuation dropped, spaces
    collapsed), 100 characters at most; a query that looks like personal data (an e-mail, a
    phone number, a long number) is masked whole."""
    text = unicodedata.normalize("NFC", text).lower()
    if PERSONAL.search(text):
        return MASKED
    return " ".join(PUNCTUATION.sub(" ", text).split())[:100]


def search_count(*, query: str, results: int, day=None) -> bool:
    """One more search of `query` that found `results` hits today."""
    query = search_query_normalised(query)
    if not query:
        return False
    return pending.add(
        SearchCount, DEFAULT_DB_ALIAS, day=day or timezone.localdate(), query=query, results=results
    )
