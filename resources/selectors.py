"""Reads of the resource library, visibility-aware."""

import hashlib
import json
import operator
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from zoneinfo import ZoneInfo

from django.db.models import (
    CharField,
    Count,
    Expression,
    F,
    Func,
    IntegerField,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear
from wagtail.models import Page

from kb import site_cache
from kb.facets import AXIS, TERRITORY, facet_labels
from kb.permissions import is_member
from kb.selectors import visible_pages
from resources.filters import KIND_LABELS, LIBRARY_FACETS, RECORDING_KIND, LibraryFilter
from resources.models.pages import RecordingPage, ResourceDocument, ResourcePage

PARIS = ZoneInfo("Europe/Paris")


def recording_list_visible(*, user) -> QuerySet[RecordingPage]:
    return (
        visible_pages(RecordingPage.objects.all(), user)
        .select_related("event")
        .order_by("-event__start")
    )


@dataclass
class LibraryItem:
    page: ResourcePage | RecordingPage
    kind: str
    kind_label: str
    year: int | None


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Library:
    rows: QuerySet  # (id, kind, year, title) of the matching items, in order: `library_items`
    facets: dict[str, list[FacetChoice]]
    total: int
    ignored: list[tuple[str, str]] = field(default_factory=list)
    key: str = ""  # the audience and the filters: what keeps its counts and pages apart


@dataclass(frozen=True)
class _Source:
    """One page type of the library: its visible pages and where their facet values live."""

    pages: QuerySet
    values: dict[str, Expression]
    year: Expression

    def having(self, selected: dict[str, set[str]]) -> QuerySet:
        """The pages with one of the selected values of each facet (OR within, AND across)."""
        query = {name: sorted(values) for name, values in selected.items()}
        return LibraryFilter(query, queryset=self.pages.order_by(), expressions=self.values).qs

    def facet_rows(self, name: str, pages: QuerySet) -> QuerySet:
        """(facet, value) for each value of `name` that `pages` have."""
        return (
            pages.annotate(facet=Value(name), value=self.values[name])
            .filter(value__isnull=False)
            .values_list("facet", "value")
        )


def _sources(user) -> list[_Source]:
    recording_date = Coalesce("event__start", "first_published_at", "go_live_at")
    # The year of the Paris date, as the search documents count it.
    recording_year = ExtractYear(recording_date, tzinfo=PARIS)
    return [
        _Source(
            pages=visible_pages(ResourcePage.objects.all(), user),
            values={
                "kind": F("kind"),
                "axis": F("axis__slug"),
                "territory": F("territories__slug"),
                "year": Cast("year", CharField()),
                "tag": F("tagged_items__tag__name"),
            },
            year=F("year"),
        ),
        _Source(
            pages=visible_pages(RecordingPage.objects.all(), user),
            values={
                "kind": Value(RECORDING_KIND, output_field=CharField()),
                "axis": F("axis__slug"),
                "territory": F("event__territories__slug"),
                "year": Cast(recording_year, CharField()),
                "tag": F("tagged_items__tag__name"),
            },
            year=recording_year,
        ),
    ]


def _union(querysets: list[QuerySet]) -> QuerySet:
    return querysets[0].union(*querysets[1:], all=True)


def _known_values(sources: list[_Source], wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """The wanted values that some visible item has, in one query."""
    known: dict[str, set[str]] = {name: set() for name in LIBRARY_FACETS}
    rows = _union(
        [
            source.facet_rows(name, source.pages.order_by()).filter(value__in=values).distinct()
            for source in sources
            for name, values in wanted.items()
        ]
    )
    for name, value in rows:
        known[name].add(value)
    return known


def _facet_counts(sources: list[_Source], selected: dict[str, set[str]]) -> dict[str, Counter]:
    """Items per facet value, each facet counted without its own selection, in one query."""
    counts: dict[str, Counter] = {name: Counter() for name in LIBRARY_FACETS}
    rows = _union(
        [
            source.facet_rows(name, source.having({n: v for n, v in selected.items() if n != name}))
            .annotate(count=Count("pk", distinct=True))
            .values_list("facet", "value", "count")
            for source in sources
            for name in LIBRARY_FACETS
        ]
    )
    for name, value, count in rows:
        if count:  # a constant value (the recordings' kind) is counted even with no rows
            counts[name][value] += count
    return counts


def _ordered_rows(
    sources: list[_Source], selected: dict[str, set[str]], **extra: Expression
) -> QuerySet:
    """(id, kind, year, title, *extra) of the matching items, newest year first, then by
    title."""
    return _union(
        [
            source.having(selected)
            .annotate(
                item_id=F("pk"),
                item_kind=source.values["kind"],
                item_year=source.year,
                item_title=F("title"),
                **extra,
            )
            .values_list("item_id", "item_kind", "item_year", "item_title", *extra)
            for source in sources
        ]
    ).order_by("-item_year", "item_title", "item_id")


def _count(pages: QuerySet) -> Subquery:
    return Subquery(
        pages.order_by().annotate(n=Func("pk", function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class LibraryLink:
    title: str
    kind_label: str
    page: Page  # the item's id and path: enough for its URL


def library_latest_for_territory(*, territory, user, limit: int) -> tuple[list[LibraryLink], int]:
    """The territory's newest library items, as the library's `?territory=` lists them
    (deliverables and recordings), and how many there are, in one query: each row carries
    the page's path, for its link, and the total (a count per page type)."""
    sources = _sources(user)
    selected = {"territory": {territory.slug}}
    total = reduce(operator.add, (_count(source.having(selected)) for source in sources))
    rows = _ordered_rows(sources, selected, item_path=F("url_path"), item_total=total)[:limit]
    links = [
        LibraryLink(title, KIND_LABELS[kind], Page(id=pk, url_path=path))
        for pk, kind, _, title, path, _ in rows
    ]
    return links, rows[0][-1] if rows else 0


def library_items(rows: list[tuple[int, str, int, str]]) -> list[LibraryItem]:
    """The items of these rows (a page of `Library.rows`), in three queries at most whatever
    their number."""
    documents = ResourceDocument.objects.select_related("document")
    resources = (
        ResourcePage.objects.select_related("axis")
        .prefetch_related(Prefetch("documents", queryset=documents))
        .in_bulk([pk for pk, kind, _, _ in rows if kind != RECORDING_KIND])
    )
    recordings = RecordingPage.objects.select_related("axis", "slides").in_bulk(
        [pk for pk, kind, _, _ in rows if kind == RECORDING_KIND]
    )
    pages = resources | recordings
    return [
        LibraryItem(page=pages[pk], kind=kind, kind_label=KIND_LABELS[kind], year=year)
        for pk, kind, year, _ in rows
        if pk in pages
    ]


def _choices(name: str, counts: Counter, chosen: set[str], labels: dict) -> list[FacetChoice]:
    choices = [
        FacetChoice(
            value=value,
            label=labels.get(value, value),
            count=counts.get(value, 0),
            selected=value in chosen,
        )
        for value in set(counts) | chosen
    ]
    if name == "year":
        choices.sort(key=lambda c: c.value, reverse=True)
    elif name in {"territory", "axis"}:
        choices.sort(key=lambda c: c.label)
    else:
        choices.sort(key=lambda c: (-c.count, c.label))
    return choices


def _facets(
    sources: list[_Source], filters: dict[str, list[str]]
) -> tuple[dict[str, set[str]], list[tuple[str, str]], dict[str, Counter]]:
    """The selected values that some visible item has, those ignored, and the facet counts."""
    wanted = {name: set(values) for name, values in filters.items() if name in LIBRARY_FACETS}
    known = _known_values(sources, wanted) if any(wanted.values()) else {}
    selected: dict[str, set[str]] = {}
    ignored: list[tuple[str, str]] = []
    for name, values in filters.items():
        if name not in LIBRARY_FACETS:
            continue
        for value in values:
            if value in known[name]:
                selected.setdefault(name, set()).add(value)
            else:
                ignored.append((LIBRARY_FACETS[name], value[:40]))
    return selected, ignored, _facet_counts(sources, selected)


def library(*, user, filters: dict[str, list[str]]) -> Library:
    """Visible resources and recordings matching the filters (OR within a facet, AND across),
    with each facet counted without its own selection, like the search page.

    A value that no visible item has is ignored and reported in `ignored`. The database
    counts; the rows are read a page at a time (`library_items`). The counts read every
    visible item: they are kept per worker and audience for a minute at most, dropped at
    the next publication (kb.site_cache), so a request reads only its page of rows."""
    sources = _sources(user)
    audience = "members" if is_member(user) else "public"
    asked = sorted((name, sorted(values)) for name, values in filters.items())
    key = hashlib.sha256(json.dumps(asked).encode()).hexdigest()[:32]
    key = f"{audience}:{key}"
    selected, ignored, counts = site_cache.remember(
        f"library-facets:{key}", lambda: _facets(sources, filters)
    )
    labels = {
        "kind": KIND_LABELS,
        "axis": facet_labels(AXIS),
        "territory": facet_labels(TERRITORY),
    }
    facets = {
        name: _choices(name, counts[name], selected.get(name, set()), labels.get(name, {}))
        for name in LIBRARY_FACETS
    }
    # Each item has one kind: the matching items are counted by the selected kinds' counts.
    total = sum(counts["kind"][kind] for kind in selected.get("kind") or counts["kind"])

    rows = _ordered_rows(sources, selected)
    return Library(rows=rows, facets=facets, total=total, ignored=list(ignored), key=key)


def library_page_rows(library: Library, page_obj) -> list[tuple[int, str, int, str]]:
    """The rows of one page of the library (`page_obj`, a page of `library.rows`): sorting
    every matching item reads them all, so a page is kept per worker, audience and filters
    for a minute at most, dropped at the next publication (kb.site_cache)."""
    return site_cache.remember(
        f"library-rows:{library.key}:{page_obj.number}", lambda: list(page_obj.object_list)
    )


def recording_for_event(*, event, user) -> RecordingPage | None:
    """The recording of an event that `user` may see, if any (used by the event page)."""
    return recording_list_visible(user=user).filter(event=event).first()
