"""The one entry point views use: they never know which engine answers."""

import logging

from search.engines.base import SearchQuery, SearchResults
from search.engines.database import DatabaseEngine
from search.indexing import elasticsearch_engine

logger = logging.getLogger(__name__)


def search(query: SearchQuery) -> SearchResults:
    """Elasticsearch when configured and up; otherwise the database engine, flagged as fallback."""
    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return engine.search(query)
        except Exception as error:  # any engine failure falls back, never a 500
            logger.warning("Recherche Elasticsearch indisponible : %s", error)
            results = DatabaseEngine().search(query)
            results.fallback = True
            return results
    return DatabaseEngine().search(query)


def autocomplete(prefix: str, *, members: bool) -> list[str]:
    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return engine.autocomplete(prefix, members=members)
        except Exception as error:
            logger.warning("Suggestions Elasticsearch indisponibles : %s", error)
    return DatabaseEngine().autocomplete(prefix, members=members)
