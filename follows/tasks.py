"""The digests on the task queue: the clock starts runs, workers compute them in chunks and
send the e-mails; work left by a worker that died is taken up again after a lease.

Every argument is an id (JSON); every task can run twice without sending twice.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from follows import digests
from follows.models import DigestEmail, DigestRun, Frequency

logger = logging.getLogger(__name__)

# Ahead of nothing: indexing and transactional e-mails (priority 0) go first, so that a
# digest's saved searches see the index of what they report.
DIGEST_PRIORITY = -10
PARALLEL_CHUNKS = 2  # chains of chunk tasks per run: workers on several machines share a run
SEND_BATCH = 100  # e-mails per sending task (one SMTP connection each)


def _enqueue_sending(pks: list[int]) -> None:
    for start in range(0, len(pks), SEND_BATCH):
        send_digest_emails.enqueue(pks[start : start + SEND_BATCH])


@task(priority=DIGEST_PRIORITY)
def compute_digests(run_id: int) -> int:
    """One chunk of a run; the next chunk is the next task. Returns the e-mails written."""
    run = DigestRun.objects.filter(pk=run_id, finished_at=None).first()
    if run is None:
        return 0
    pks, more = digests.compute_chunk(run)
    if pks:
        transaction.on_commit(lambda: _enqueue_sending(pks))
    if more:
        transaction.on_commit(lambda: compute_digests.enqueue(run_id))
    else:
        digests.finish_if_done(run)
    return len(pks)


@task(priority=DIGEST_PRIORITY)
def send_digest_emails(pks: list[int]) -> int:
    return digests.send_emails(pks)


@task()
def run_immediate() -> None:
    """Something was published: the immediate digests, once its lag has passed."""
    start_run(Frequency.IMMEDIATE, digests.due_period_end(Frequency.IMMEDIATE, timezone.now()))


def announce() -> None:
    """kb.activity.announce(): the immediate digests after the lag (now, on a backend that
    cannot wait: the clock's next tick then catches what the lag kept out)."""
    if not digests.has_subscribers(Frequency.IMMEDIATE):
        return
    delay = datetime.timedelta(seconds=settings.DIGEST_LAG_SECONDS + 5)
    if default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: run_immediate.using(run_after=timezone.now() + delay).enqueue()
        )


def start_run(frequency: str, period_end: datetime.datetime) -> DigestRun | None:
    """The run of this period, started once whoever asks (several clocks may)."""
    if not digests.has_subscribers(frequency):
        return None
    digests.ensure_digests(frequency)
    try:
        with transaction.atomic():
            run, created = DigestRun.objects.get_or_create(
                frequency=frequency, period_end=period_end
            )
    except IntegrityError:  # another clock created it at the same instant
        return DigestRun.objects.get(frequency=frequency, period_end=period_end)
    if created:
        for _ in range(PARALLEL_CHUNKS):
            transaction.on_commit(lambda: compute_digests.enqueue(run.pk))
    return run


def resume(now: datetime.datetime) -> dict[str, int]:
    """Take up what a dead worker left: runs without progress for a lease, unsent e-mails."""
    stale = now - datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    runs = list(DigestRun.objects.filter(finished_at=None, progress_at__lt=stale))
    for run in runs:
        DigestRun.objects.filter(pk=run.pk).update(progress_at=now)
        transaction.on_commit(lambda pk=run.pk: compute_digests.enqueue(pk))
    pks = digests.unsent_to_retry(now)
    if pks:
        DigestEmail.objects.filter(pk__in=pks).update(queued_at=now)
        transaction.on_commit(lambda: _enqueue_sending(pks))
    return {"runs": len(runs), "emails": len(pks)}


def tick(now: datetime.datetime | None = None) -> dict[str, object]:
    """What the clock does (manage.py schedule_digests): start the due runs, resume the
    stalled work, forget old e-mails. Idempotent: run it as often as you like."""
    now = now or timezone.now()
    started = {}
    for frequency in (Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY):
        run = start_run(frequency, digests.due_period_end(frequency, now))
        started[frequency.value] = run.period_end.isoformat() if run else None
    resumed = resume(now)
    retention = now - datetime.timedelta(days=30)
    DigestEmail.objects.filter(sent_at__lt=retention).delete()
    DigestRun.objects.filter(finished_at__lt=retention).delete()
    return {"started": started, "resumed": resumed}
