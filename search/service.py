"""The one entry point views use: they never know which engine answers."""

import logging

from django.conf import settings

from search.breaker import CircuitBreaker
from search.engines.base import SearchEngine, SearchQuery, SearchResults
from search.engines.database import DatabaseEngine
from search.indexing import elasticsearch_engine

logger = logging.getLogger(__name__)


def elasticsearch_breaker(engine: SearchEngine) -> CircuitBreaker:
    """Skips Elasticsearch in every process for a while after it failed (search/breaker.py)."""
    return CircuitBreaker(
        f"search:elasticsearch-breaker:{settings.ELASTICSEARCH_URL}",
        probe=engine.answers,
        open_seconds=settings.ELASTICSEARCH_BREAKER_SECONDS,
        probe_seconds=settings.ELASTICSEARCH_PROBE_SECONDS,
    )


def _failed(engine: SearchEngine, breaker: CircuitBreaker, error: Exception, what: str) -> None:
    logger.warning("%s Elasticsearch indisponible : %s", what, error)
    if engine.is_outage(error):
        breaker.trip(error)


def search(query: SearchQuery) -> SearchResults:
    """Elasticsearch when configured and up; otherwise the database engine, flagged as fallback."""
    engine = elasticsearch_engine()
    if engine is None:
        return DatabaseEngine().search(query)
    breaker = elasticsearch_breaker(engine)
    if not breaker.is_open():
        try:
            return engine.search(query)
        except Exception as error:  # any engine failure falls back, never a 500
            _failed(engine, breaker, error, "Recherche")
    results = DatabaseEngine().search(query)
    results.fallback = True
    return results


def autocomplete(prefix: str, *, members: bool) -> list[str]:
    engine = elasticsearch_engine()
    if engine is not None:
        breaker = elasticsearch_breaker(engine)
        if not breaker.is_open():
            try:
                return engine.autocomplete(prefix, members=members)
            except Exception as error:
                _failed(engine, breaker, error, "Suggestions")
    return DatabaseEngine().autocomplete(prefix, members=members)
