"""One interface for every search engine: a query in, results with facets out."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from kb.formatting import timecode
from kb.searchable import SearchDocument

PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    members: bool = False
    # Only these documents (keys), whatever else matches: a saved search run over what is
    # new since its last run (follows). None: every document.
    within: frozenset[str] | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


@dataclass
class SearchHit:
    key: str
    title: str
    url: str
    kind: str
    date: datetime.date | None
    snippet: str  # HTML: escaped text with <mark> around matches
    time: int | None = None  # seconds into a recording, when the match is in its transcript

    @property
    def time_label(self) -> str:
        return timecode(self.time) if self.time is not None else ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetValue]]
    suggestion: str = ""
    engine: str = ""
    fallback: bool = False


class SearchEngine:
    """Base class; capabilities are attributes so callers and tests can ask."""

    name = ""
    stems_words = False
    knows_synonyms = False

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, prefix: str, *, members: bool, limit: int = 8) -> list[str]:
        raise NotImplementedError

    def index(self, documents: Iterable[SearchDocument]) -> int:
        raise NotImplementedError

    def answers(self) -> bool:
        """Whether the engine's server answers now (the circuit breaker's probe)."""
        return True

    def is_outage(self, error: Exception) -> bool:
        """Whether `error` says the server is unreachable or overloaded (skip it for a
        while), rather than that it refused one query."""
        return False

    def delete(self, keys: Iterable[str]) -> None:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        raise NotImplementedError
