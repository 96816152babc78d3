"""Reads of the resource library, visibility-aware."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from resources.models import RecordingPage, ResourceDocument, ResourcePage

RECORDING_KIND = "enregistrement"
LIBRARY_FACETS = {
    "kind": "Type",
    "axis": "Axe de travail",
    "territory": "Territoire",
    "year": "Année",
    "tag": "Mot-clé",
}


def _visible(pages: QuerySet, user) -> QuerySet:
    from kb.permissions import is_member
    from kb.selectors import public_pages  # bounded query, unlike Wagtail's .public()

    pages = pages.live()
    return pages if is_member(user) else public_pages(pages)


def resource_list_visible(*, user) -> QuerySet[ResourcePage]:
    return (
        _visible(ResourcePage.objects.all(), user).select_related("axis").order_by("-year", "title")
    )


def recording_list_visible(*, user) -> QuerySet[RecordingPage]:
    return (
        _visible(RecordingPage.objects.all(), user)
        .select_related("event")
        .order_by("-event__start")
    )


def resource_list_for_territory(*, territory, user) -> QuerySet[ResourcePage]:
    return resource_list_visible(user=user).filter(territories=territory)


@dataclass
class LibraryItem:
    page: ResourcePage | RecordingPage
    kind: str
    kind_label: str
    year: int | None
    values: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Library:
    items: list[LibraryItem]
    facets: dict[str, list[FacetChoice]]
    total: int
    ignored: list[tuple[str, str]] = field(default_factory=list)


def _library_items(user) -> list[LibraryItem]:
    items = []
    resources = resource_list_visible(user=user).prefetch_related(
        "territories",
        "tags",
        Prefetch("documents", queryset=ResourceDocument.objects.select_related("document")),
    )
    for page in resources:
        items.append(
            LibraryItem(
                page=page,
                kind=page.kind,
                kind_label=page.get_kind_display(),
                year=page.year,
                values={
                    "kind": {page.kind},
                    "axis": {page.axis.slug} if page.axis else set(),
                    "territory": {t.slug for t in page.territories.all()},
                    "year": {str(page.year)},
                    "tag": {t.name for t in page.tags.all()},
                },
            )
        )
    recordings = (
        recording_list_visible(user=user)
        .select_related("axis", "video", "slides")
        .prefetch_related("tags", "event__territories")
    )
    for page in recordings:
        date = page.date
        items.append(
            LibraryItem(
                page=page,
                kind=RECORDING_KIND,
                kind_label="Enregistrement de webinaire",
                year=date.year if date else None,
                values={
                    "kind": {RECORDING_KIND},
                    "axis": {page.axis.slug} if page.axis else set(),
                    "territory": (
                        {t.slug for t in page.event.territories.all()} if page.event else set()
                    ),
                    "year": {str(date.year)} if date else set(),
                    "tag": {t.name for t in page.tags.all()},
                },
            )
        )
    items.sort(key=lambda item: (-(item.year or 0), item.page.title))
    return items


def _labels(items: list[LibraryItem]) -> dict[str, dict[str, str]]:
    from search.facets import FACETS, facet_labels  # kept per process, cleared on save

    labels: dict[str, dict[str, str]] = {name: {} for name in LIBRARY_FACETS}
    for item in items:
        labels["kind"][item.kind] = item.kind_label
    labels["axis"] = facet_labels(FACETS["axis"])
    labels["territory"] = facet_labels(FACETS["territory"])
    return labels


def library(*, user, filters: dict[str, list[str]]) -> Library:
    """Visible resources and recordings matching the filters (OR within a facet, AND across),
    with each facet counted without its own selection, like the search page.

    A value that no visible item has is ignored and reported in `ignored`."""
    items = _library_items(user)
    labels = _labels(items)
    known: dict[str, set[str]] = {name: set() for name in LIBRARY_FACETS}
    for item in items:
        for name in LIBRARY_FACETS:
            known[name] |= item.values.get(name, set())
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

    def passes(item: LibraryItem, skip: str | None = None) -> bool:
        return all(
            item.values.get(name, set()) & values
            for name, values in selected.items()
            if name != skip and values
        )

    matching = [item for item in items if passes(item)]
    facets = {}
    for name in LIBRARY_FACETS:
        counts: Counter[str] = Counter()
        for item in items:
            if passes(item, skip=name):
                counts.update(item.values.get(name, set()))
        chosen = selected.get(name, set())
        choices = [
            FacetChoice(
                value=value,
                label=labels[name].get(value, value),
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
        facets[name] = choices
    return Library(items=matching, facets=facets, total=len(matching), ignored=ignored)


def recording_for_event(*, event, user) -> RecordingPage | None:
    """The recording of an event that `user` may see, if any (used by the event page)."""
    return recording_list_visible(user=user).filter(event=event).first()
