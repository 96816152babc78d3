"""Keeping the engines in step with the content: after commit, through a task, never failing."""

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django_tasks import task

from search.documents import all_documents, document_for_key
from search.engines.base import SearchEngine
from search.engines.database import DatabaseEngine
from search.models import PendingIndexChange, SearchEntry

logger = logging.getLogger(__name__)


def elasticsearch_engine() -> SearchEngine | None:
    if not settings.ELASTICSEARCH_URL:
        return None
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine()


_paused = threading.local()


@contextmanager
def paused():
    """Skip per-object updates during bulk loads that rebuild the indexes afterwards."""
    _paused.active = True
    try:
        yield
    finally:
        _paused.active = False


def schedule(keys: Iterable[str]) -> None:
    """Reindex these documents once the current transaction commits."""
    keys = sorted(set(keys))
    if keys and not getattr(_paused, "active", False):
        transaction.on_commit(lambda: sync_documents.enqueue(keys))


@task()
def sync_documents(keys: list[str]) -> None:
    sync_keys(keys)


def documents_and_gone(keys: Iterable[str]) -> tuple[list, list[str]]:
    """The current documents for these keys, and the keys whose object is no longer searchable."""
    documents, gone = [], []
    for key in keys:
        document = document_for_key(key)
        if document is None:
            gone.append(key)
        else:
            documents.append(document)
    return documents, gone


def sync_keys(keys: Iterable[str]) -> None:
    documents, gone = documents_and_gone(keys)
    database = DatabaseEngine()
    database.index(documents)
    database.delete(gone)
    send_to_elasticsearch(documents, gone)


def send_to_elasticsearch(documents, gone) -> bool:
    """Index in Elasticsearch; when it is unreachable, queue the keys for `search_sync`."""
    engine = elasticsearch_engine()
    if engine is None:
        return True
    try:
        engine.index(documents)
        engine.delete(gone)
    except Exception as error:  # noqa: BLE001 — any failure must leave the edit saved.
        logger.warning("Elasticsearch indisponible, modification mise en attente : %s", error)
        for key in [d.key for d in documents] + list(gone):
            change, _ = PendingIndexChange.objects.get_or_create(key=key)
            change.attempts += 1
            change.last_error = str(error)[:1000]
            change.save()
        return False
    PendingIndexChange.objects.filter(key__in=[d.key for d in documents] + list(gone)).delete()
    return True


def sync_pending() -> tuple[int, int]:
    """Retry queued changes; returns (sent, still pending)."""
    keys = list(PendingIndexChange.objects.values_list("key", flat=True))
    if not keys:
        return 0, 0
    documents, gone = documents_and_gone(keys)
    sent = send_to_elasticsearch(documents, gone)
    return (len(keys), 0) if sent else (0, len(keys))


def rebuild(*, engines: str = "all") -> dict[str, int]:
    documents = list(all_documents())
    counts = {}
    if engines in ("all", "database"):
        counts["database"] = DatabaseEngine().rebuild(documents)
    engine = elasticsearch_engine()
    if engine is not None and engines in ("all", "elasticsearch"):
        counts["elasticsearch"] = engine.rebuild(documents)
        PendingIndexChange.objects.all().delete()
    return counts


def ensure_built() -> None:
    """Build the indexes when they are empty (fresh database, restored backup)."""
    if not SearchEntry.objects.exists():
        rebuild()
