"""Digests: when they are due, what each member gets, the e-mail, and sending it.

A run (DigestRun: one frequency, up to `period_end`) is computed in chunks of members. A
chunk, in one transaction, writes each member's e-mail (DigestEmail) and moves the member's
`Digest.sent_until` to the end of the period: a worker killed in the middle loses the
whole chunk and the next one redoes it, so an item is written once, in one e-mail. Sending
claims each e-mail for a lease before handing it to the mail server and marks it sent after:
a worker killed while sending leaves it claimed, and it is sent again once the lease is over
(only a kill between the server's acceptance and that mark can send it twice). Tasks and
scheduling: follows.tasks.
"""

import datetime
import functools
import logging
import smtplib
import time
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from follows.models import Digest, DigestEmail, DigestRun, Follow, Frequency, SavedSearch
from follows.selectors import (
    SearchMatcher,
    by_concern,
    member_ids,
    new_items_for,
    targets_of,
)
from follows.services import unsubscribe_token
from kb import activity

logger = logging.getLogger(__name__)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


# -- when -----------------------------------------------------------------------------------


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def due_period_end(frequency: str, now: datetime.datetime) -> datetime.datetime:
    """The end of the latest period of this frequency that is due at `now`.

    Daily: the last `DIGEST_TIME` in Paris; weekly: the last such time on `DIGEST_WEEKDAY`;
    immediate: the current minute. Each less `DIGEST_LAG_SECONDS`, for transactions that
    were still open at that time.
    """
    lag = datetime.timedelta(seconds=settings.DIGEST_LAG_SECONDS)
    if frequency == Frequency.IMMEDIATE:
        return (now - lag).replace(second=0, microsecond=0)
    hour, minute = (int(part) for part in settings.DIGEST_TIME.split(":"))
    local = now.astimezone(PARIS)
    day = local.date()
    if frequency == Frequency.WEEKLY:
        day -= datetime.timedelta(days=(local.isoweekday() - settings.DIGEST_WEEKDAY) % 7)
        step = datetime.timedelta(days=7)
    else:
        step = datetime.timedelta(days=1)
    if _at(day, hour, minute) > local:
        day -= step
    return _at(day, hour, minute).astimezone(datetime.UTC) - lag


# -- who is behind --------------------------------------------------------------------------


def _subscribed(frequency: str) -> Q:
    return Q(
        Exists(Follow.objects.filter(user=OuterRef("user"), frequency=frequency))
        | Exists(SavedSearch.objects.filter(user=OuterRef("user"), frequency=frequency))
    )


def ensure_digests(frequency: str) -> int:
    """A Digest row for every member subscribed at this frequency, starting where their
    earliest subscription took this frequency."""
    starts: dict[int, datetime.datetime] = {}
    for model in (Follow, SavedSearch):
        rows = (
            model.objects.filter(frequency=frequency)
            .exclude(user__in=Digest.objects.filter(frequency=frequency).values("user"))
            .values_list("user_id", "since")
        )
        for user_id, since in rows:
            starts[user_id] = min(since, starts.get(user_id, since))
    Digest.objects.bulk_create(
        [Digest(user_id=u, frequency=frequency, sent_until=s) for u, s in starts.items()],
        ignore_conflicts=True,
    )
    return len(starts)


def behind(run: DigestRun):
    """The members of the run's frequency not yet handled up to its end."""
    return Digest.objects.filter(
        _subscribed(run.frequency), frequency=run.frequency, sent_until__lt=run.period_end
    )


def has_subscribers(frequency: str) -> bool:
    return (
        Follow.objects.filter(frequency=frequency).exists()
        or SavedSearch.objects.filter(frequency=frequency).exists()
    )


# -- one chunk ------------------------------------------------------------------------------

_shared: dict[tuple, tuple] = {}
SHARED_SECONDS = 600


def _news(run: DigestRun, since: datetime.datetime):
    """The items of a window, indexed, and the saved-search answers over them: kept for the
    next chunks of the same run in this worker (the window is in the past, so its items do
    not change; a few minutes at most, and one window at a time)."""
    until = run.period_end
    key = (run.pk, run.created_at, since, until)
    found = _shared.get(key)
    if found is None or found[0] < time.monotonic():
        items = activity.items_between(since, until)
        _shared.clear()
        found = _shared[key] = (
            time.monotonic() + SHARED_SECONDS,
            items,
            by_concern(items),
            SearchMatcher(),
        )
    return found[1:]


def compute_chunk(run: DigestRun) -> tuple[list[int], bool]:
    """Write the e-mails of the next members behind; (their ids, whether more may remain).

    Rows locked by another worker are skipped (PostgreSQL); on SQLite writers take turns.
    """
    with transaction.atomic():
        states = list(
            behind(run)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .order_by("user_id")[: settings.DIGEST_CHUNK]
        )
        if not states:
            return [], False
        users = {state.user_id: state.user for state in states}
        members = member_ids(users)
        follows, searches = defaultdict(list), defaultdict(list)
        for follow in Follow.objects.filter(user__in=users, frequency=run.frequency):
            follows[follow.user_id].append(follow)
        for search in SavedSearch.objects.filter(user__in=users, frequency=run.frequency):
            searches[search.user_id].append(search)
        # Where this chunk's news start: no member needs anything before their subscriptions
        # took this frequency, however old their last digest of it.
        start = min(
            max(
                state.sent_until,
                min(
                    (s.since for s in follows[state.user_id] + searches[state.user_id]),
                    default=state.sent_until,
                ),
            )
            for state in states
        )
        items, concerned, matcher = _news(run, min(start, run.period_end))
        targets = targets_of(f for user_follows in follows.values() for f in user_follows)
        emails = []
        for state in states:
            user = users[state.user_id]
            if user.is_active and user.email:
                chosen = new_items_for(
                    since=state.sent_until,
                    follows=follows[user.pk],
                    searches=searches[user.pk],
                    members=user.pk in members,
                    items=items,
                    concerned=concerned,
                    targets=targets,
                    matcher=matcher,
                    user_id=user.pk,
                )
                if chosen:
                    emails.append(write_email(user, run, state.sent_until, chosen))
            state.sent_until = run.period_end
        Digest.objects.bulk_update(states, ["sent_until"])
        written = DigestEmail.objects.bulk_create(emails)
        DigestRun.objects.filter(pk=run.pk).update(progress_at=timezone.now())
    return [email.pk for email in written], len(states) == settings.DIGEST_CHUNK


def finish_if_done(run: DigestRun) -> bool:
    if behind(run).exists():
        return False
    DigestRun.objects.filter(pk=run.pk, finished_at=None).update(finished_at=timezone.now())
    return True


# -- the e-mail -----------------------------------------------------------------------------


def absolute(url: str) -> str:
    """Links lead to the site: a path gets the site's address (TZNR_SITE_URL)."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + (url if url.startswith("/") else f"/{url}")


@functools.lru_cache(maxsize=20_000)
def french_date(moment: datetime.datetime) -> str:
    """« mardi 1er décembre 2026 », « jeudi 3 décembre 2026 » (Paris time)."""
    local = timezone.localtime(moment)
    with translation.override("fr"):
        weekday, month = formats.date_format(local, "l"), formats.date_format(local, "F")
    return f"{weekday} {local.day}{'er' if local.day == 1 else ''} {month} {local.year}"


SUBJECTS = {
    Frequency.IMMEDIATE: "Nouveau",
    Frequency.DAILY: "Votre résumé du jour",
    Frequency.WEEKLY: "Votre résumé de la semaine",
}


@functools.lru_cache(maxsize=20_000)
def item_parts(item: activity.Item, site_url: str) -> tuple[str, str]:
    """An item's HTML and text in a digest, written once for every member who gets it."""
    context = {
        "title": item.title,
        "url": absolute(item.url),
        "date": french_date(item.date),
        "label": item.label,
        "summary": item.summary,
    }
    with translation.override("fr"):
        return (
            render_to_string("follows/email/item.html", context),
            render_to_string("follows/email/item.txt", context),
        )


def write_email(user, run: DigestRun, since: datetime.datetime, chosen) -> DigestEmail:
    groups = defaultdict(list)
    for entry in chosen:
        html, text = item_parts(entry.item, settings.SITE_URL)
        groups[entry.item.source].append(
            {"html": html, "text": text, "reasons": ", ".join(entry.reasons)}
        )
    order = {source.name: position for position, source in enumerate(activity.sources())}
    context = {
        "name": user.get_full_name() or user.get_username(),
        "frequency": run.frequency,
        "since": french_date(since),
        "count": len(chosen),
        "groups": [
            {"label": activity.source_label(name), "items": entries}
            for name, entries in sorted(groups.items(), key=lambda g: order.get(g[0], 99))
        ],
        "site_url": settings.SITE_URL,
        "manage_url": absolute(reverse("follows:subscriptions")),
        "unsubscribe_url": unsubscribe_url(user, run.frequency, issued=run.period_end),
    }
    count = len(chosen)
    if run.frequency == Frequency.IMMEDIATE and count == 1:
        subject = f"Nouveau : {chosen[0].item.title}"
    else:
        subject = f"{SUBJECTS[run.frequency]} : {count} nouveauté{'s' if count > 1 else ''}"
    with translation.override("fr"):
        text = render_to_string("follows/email/digest.txt", context)
        html = render_to_string("follows/email/digest.html", context)
    return DigestEmail(
        user=user,
        frequency=run.frequency,
        period_start=since,
        period_end=run.period_end,
        subject=f"{subject} — communauté TZNR"[:200],
        text=text,
        html=html,
        item_keys=[entry.item.key for entry in chosen],
    )


def unsubscribe_url(user, frequency: str, *, issued: datetime.datetime) -> str:
    token = unsubscribe_token(user=user, frequency=frequency, issued=issued)
    return absolute(reverse("follows:unsubscribe", args=[token]))


def message_for(email: DigestEmail) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(email.user, email.frequency, issued=email.period_end)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        to=[email.user.email],
        headers={
            # RFC 8058: mail clients offer « se désabonner » and POST to it in one click.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Résumés TZNR <resumes.{settings.SITE_URL.split('//')[-1]}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(email.html, "text/html")
    return message


# -- sending --------------------------------------------------------------------------------


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS)


def claim(pks: list[int]) -> list[int]:
    """Take these e-mails for sending (for a lease), except those sent or claimed by a worker
    still in its lease; returns the ones taken."""
    now = timezone.now()
    with transaction.atomic():
        taken = list(
            DigestEmail.objects.select_for_update(skip_locked=True)
            .filter(pk__in=pks, sent_at=None)
            .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
            .values_list("pk", flat=True)
        )
        DigestEmail.objects.filter(pk__in=taken).update(claimed_until=now + _lease())
    return taken


def send_emails(pks: list[int]) -> int:
    """Send these e-mails over one connection, each marked sent as soon as the server took
    it; returns how many were sent now."""
    taken = claim(pks)
    emails = DigestEmail.objects.select_related("user").filter(pk__in=taken).order_by("pk")
    sent = 0
    connection = None
    try:
        for email in emails:  # an account deleted meanwhile took its e-mail with it
            if not (email.user.is_active and email.user.email):
                email.delete()
                continue
            if connection is None:
                connection = get_connection()
                connection.open()
            try:
                connection.send_messages([message_for(email)])
            except (smtplib.SMTPException, OSError) as error:
                # The server refused or is unreachable: released, tried again by the clock.
                logger.warning("Résumé %s non envoyé : %s", email.pk, error)
                DigestEmail.objects.filter(pk__in=taken, sent_at=None).update(claimed_until=None)
                break
            DigestEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now())
            sent += 1
    finally:
        if connection is not None:
            connection.close()
    return sent


def unsent_to_retry(now: datetime.datetime) -> list[int]:
    """E-mails nobody has been sending for a lease: their worker died or the server failed."""
    stale = now - _lease()
    return list(
        DigestEmail.objects.filter(sent_at=None, queued_at__lt=stale)
        .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
        .values_list("pk", flat=True)
    )
