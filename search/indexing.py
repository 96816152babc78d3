"""Keeping the engines in step with the content: after commit, through a task, never failing."""

import logging
import queue
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django_tasks import task

from search.documents import all_documents, document_for_key, keys_for_object
from search.engines.base import SearchEngine
from search.engines.database import DatabaseEngine
from search.models import PendingIndexChange, SearchEntry

logger = logging.getLogger(__name__)


def elasticsearch_engine() -> SearchEngine | None:
    if not settings.ELASTICSEARCH_URL:
        return None
    # Imported only where Elasticsearch is configured: the client and its DSL take a while
    # to import, which the embedded default (`make run`, the SQLite tests) never needs.
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


def remove_keys(keys: Iterable[str]) -> None:
    """Remove these documents from both engines now, whether or not their objects still exist."""
    keys = list(keys)
    DatabaseEngine().delete(keys)
    send_to_elasticsearch([], keys)


class SearchIndex:
    """What apps reach through kb.searchable (connected in SearchConfig.ready)."""

    def index_objects(self, objects, *, at_once: bool) -> None:
        keys = [key for obj in objects for key in keys_for_object(obj)]
        if at_once:
            sync_keys(keys)
        else:
            schedule(keys)

    def forget_object(self, obj, *, at_once: bool) -> None:
        keys = keys_for_object(obj)
        if at_once:
            remove_keys(keys)
        else:
            schedule(keys)


def send_to_elasticsearch(documents, gone) -> bool:
    """Index in Elasticsearch; when it is unreachable, queue the keys for `search_sync`."""
    engine = elasticsearch_engine()
    if engine is None:
        return True
    try:
        engine.index(documents)
        engine.delete(gone)
    except Exception as error:
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


class _Feed:
    """The documents handed from the thread that builds them to the one sending them."""

    _END = object()

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()

    def put(self, document) -> None:
        self._queue.put(document)

    def close(self, error: BaseException | None = None) -> None:
        self._queue.put(error or self._END)

    def __iter__(self):
        while (item := self._queue.get()) is not self._END:
            if isinstance(item, BaseException):
                raise RuntimeError("la construction des documents a échoué") from item
            yield item


def rebuild(*, engines: str = "all") -> dict[str, int]:
    """Rebuild the engines from every document.

    Elasticsearch receives the documents in a second thread while they are built, then the
    database engine writes them: the two servers work at the same time. A failure while
    building stops the Elasticsearch rebuild before its alias moves.
    """
    engine = elasticsearch_engine() if engines in ("all", "elasticsearch") else None
    counts = {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        feed = _Feed()
        sending = pool.submit(engine.rebuild, feed) if engine is not None else None
        documents = []
        try:
            for document in all_documents():
                documents.append(document)
                feed.put(document)
        except BaseException as error:
            feed.close(error)
            raise
        feed.close()
        if engines in ("all", "database"):
            counts["database"] = DatabaseEngine().rebuild(documents)
        if sending is not None:
            counts["elasticsearch"] = sending.result()
            PendingIndexChange.objects.all().delete()
    return counts


def ensure_built() -> None:
    """Build the indexes when they are empty (fresh database, restored backup)."""
    if not SearchEntry.objects.exists():
        rebuild()
