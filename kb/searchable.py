"""What each app makes searchable, declared here so that `search` reads it without importing apps.

An app registers, from its `AppConfig.ready`, how its pages or objects become search
documents: a `PageSource` (read from page rows, never page objects: a rebuild reads 100k of
them) or an `ObjectSource` (a snippet-like model). `search` builds every document through
these sources, follows their changes (publishing, saving, deleting, and the objects a source
`depends_on`) and alone names the index entries.

Apps that must update the index themselves (a deletion that cannot wait for the task queue)
call `index_objects` / `forget_object`, which `search` connects to its engines.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.db import models
from django.utils.timezone import localdate

from kb.facets import Facet


@dataclass
class SearchDocument:
    """One flat document: both engines index these same documents, so they answer alike."""

    kind: str
    title: str
    url: str
    text: str
    date: datetime.date | None = None
    members_only: bool = False
    facets: dict[str, list[str]] = field(default_factory=dict)
    cues: list[tuple[int, str]] = field(default_factory=list)  # transcript: (seconds, text)
    key: str = ""  # set by `search`, which alone names index entries


def paris_day(moment: datetime.datetime | None) -> datetime.date | None:
    """The Paris date of a stored (UTC) moment, as documents are dated: an event at 0 h 30 on
    1 January is on 1 January, in its year."""
    return localdate(moment) if moment else None


@dataclass(frozen=True)
class PageSource:
    """How one page type becomes documents: the columns it reads, its relations, its builder.

    `build(row, related, common)` gets the page's row (`fields`, plus pk, title, path and
    url_path; StreamFields as their text), its relations (`relations`: {name: [(values of
    the listed fields), …]}) and the fields `search` computes (key, title, url,
    members_only), and returns the document.
    """

    model: type[models.Model]
    kind: str
    kind_label: str
    fields: tuple[str, ...]
    relations: dict[str, tuple[str, ...]]
    build: Callable[[dict, dict, dict], SearchDocument]
    # {model or "app.Model": lookup from this page type}: documents to rebuild when such an
    # object is saved (a renamed territory, axis…).
    depends_on: dict[type[models.Model] | str, str] = field(default_factory=dict)
    facets: tuple[Facet, ...] = ()  # facets only this kind of content has


@dataclass(frozen=True)
class ObjectSource:
    """How the objects of one model become documents (territories, directory entries…)."""

    model: type[models.Model]
    kind: str
    kind_label: str
    objects: Callable[[], models.QuerySet]  # the searchable ones (others are left out)
    build: Callable[[models.Model], SearchDocument]
    depends_on: dict[type[models.Model] | str, str] = field(default_factory=dict)
    many_to_many: tuple[str, ...] = ()  # relations whose change rebuilds the document
    facets: tuple[Facet, ...] = ()


@dataclass(frozen=True)
class FacetExtension:
    """Facets an app adds to the documents of another app's model (the reuse of a fiche).

    `values(pks)` returns {pk: {facet name: [values]}} for these objects of `model`, read in
    one query per batch; an object missing from the answer gets no value. The app that owns
    the values calls `index_objects` when they change.
    """

    model: type[models.Model]
    facets: tuple[Facet, ...]
    values: Callable[[list], dict]


Source = PageSource | ObjectSource
_sources: list[Source] = []
_extensions: list[FacetExtension] = []


def register(source: Source) -> None:
    """Make `source` searchable (called from an AppConfig.ready; again: replaced)."""
    _sources[:] = [known for known in _sources if known.model is not source.model]
    _sources.append(source)


def unregister(model: type[models.Model]) -> None:
    _sources[:] = [known for known in _sources if known.model is not model]


def sources() -> list[Source]:
    return list(_sources)


def extend(extension: FacetExtension) -> None:
    """Add facets to another source's documents (called from an AppConfig.ready)."""
    _extensions[:] = [
        known
        for known in _extensions
        if not (known.model is extension.model and known.facets == extension.facets)
    ]
    _extensions.append(extension)


def unextend(extension: FacetExtension) -> None:
    _extensions[:] = [known for known in _extensions if known is not extension]


def extensions(model: type[models.Model] | None = None) -> list[FacetExtension]:
    """The extensions of `model`'s documents (every extension when None)."""
    return [known for known in _extensions if model is None or known.model is model]


def extended_facets(model: type[models.Model], pks: list) -> dict:
    """{pk: {facet: [values]}} of every extension of `model`, for these objects."""
    found: dict = {}
    for extension in extensions(model):
        for pk, facets in extension.values(list(pks)).items():
            found.setdefault(pk, {}).update(facets)
    return found


def page_sources() -> list[PageSource]:
    return [source for source in _sources if isinstance(source, PageSource)]


def object_sources() -> list[ObjectSource]:
    return [source for source in _sources if isinstance(source, ObjectSource)]


class Index(Protocol):
    """What `search` connects here (search.indexing)."""

    def index_objects(self, objects: Iterable[models.Model], *, at_once: bool) -> None: ...

    def forget_object(self, obj: models.Model, *, at_once: bool) -> None: ...


_index: Index | None = None


def connect_index(index: Index | None) -> None:
    global _index
    _index = index


def index_objects(objects: Iterable[models.Model], *, at_once: bool = False) -> None:
    """Bring these objects' documents up to date (an object no longer searchable leaves).

    `at_once`: now, in this process, instead of through the task queue after commit.
    """
    if _index is not None:
        _index.index_objects(list(objects), at_once=at_once)


def forget_object(obj: models.Model, *, at_once: bool = False) -> None:
    """Remove the object's documents (call it before deleting the object)."""
    if _index is not None:
        _index.forget_object(obj, at_once=at_once)
