"""What is searchable: every live page, territory and directory entry as one flat document.

Both engines index these same documents, so they answer the same questions.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class SearchDocument:
    key: str
    kind: str
    title: str
    url: str
    text: str
    date: datetime.date | None = None
    members_only: bool = False
    facets: dict[str, list[str]] = field(default_factory=dict)
    cues: list[tuple[int, str]] = field(default_factory=list)  # transcript: (seconds, text)


def _stream_text(page, field_name: str) -> list[str]:
    stream_field = page._meta.get_field(field_name)
    return [str(chunk) for chunk in stream_field.get_searchable_content(getattr(page, field_name))]


def _territory_facets(territories) -> dict[str, list[str]]:
    territories = list(territories)
    return {
        "territory": sorted({t.slug for t in territories}),
        "region": sorted({t.region for t in territories}),
    }


def _page_document(page: Page, bulk: "_Bulk | None" = None) -> SearchDocument | None:
    from events.models import EventPage
    from kb.models import FichePage
    from resources.models import RecordingPage, ResourcePage

    page = page.specific
    if bulk is not None and page.alias_of_id is None:
        members_only = bulk.restricted(page)
        url = page.get_url(request=bulk.request) or ""
    else:
        members_only = bool(page.get_view_restrictions())
        url = page.get_url() or ""
    common = {"key": f"page:{page.pk}", "title": page.title, "url": url}
    common["members_only"] = members_only
    if isinstance(page, FichePage):
        return SearchDocument(
            kind="fiche",
            text="\n".join([page.chapo, *_stream_text(page, "body"), page.partners]),
            date=page.first_published_at.date() if page.first_published_at else None,
            facets={
                "axis": [page.axis.slug] if page.axis else [],
                **_territory_facets(page.territories.all()),
                "public": sorted(p.slug for p in page.publics.all()),
                "status": [page.status],
                "year": [str(page.year)],
                "tag": sorted(t.name for t in page.tags.all()),
            },
            **common,
        )
    if isinstance(page, EventPage):
        return SearchDocument(
            kind="evenement",
            text="\n".join([page.summary, *_stream_text(page, "body"), page.place]),
            date=page.start.date(),
            facets={
                **_territory_facets(page.territories.all()),
                "year": [str(page.start.year)],
                "event_kind": [page.kind],
            },
            **common,
        )
    if isinstance(page, RecordingPage):
        from resources.transcripts import safe_cues

        event = page.event
        cues = safe_cues(page.transcript)
        return SearchDocument(
            kind="enregistrement",
            text="\n".join([page.summary, page.speakers, *(cue.text for cue in cues)]),
            cues=[(cue.seconds, cue.text) for cue in cues],
            date=event.start.date() if event else None,
            facets={
                "axis": [page.axis.slug] if page.axis else [],
                "year": [str(event.start.year)] if event else [],
                "event_kind": [event.kind] if event else [],
                "tag": sorted(t.name for t in page.tags.all()),
            },
            **common,
        )
    if isinstance(page, ResourcePage):
        return SearchDocument(
            kind="ressource",
            text="\n".join([page.summary, *_stream_text(page, "body")]),
            date=datetime.date(page.year, 1, 1),
            facets={
                "axis": [page.axis.slug] if page.axis else [],
                **_territory_facets(page.territories.all()),
                "year": [str(page.year)],
                "tag": sorted(t.name for t in page.tags.all()),
            },
            **common,
        )
    return None


def _territory_document(territory) -> SearchDocument:
    return SearchDocument(
        key=f"territory:{territory.pk}",
        kind="territoire",
        title=territory.name,
        url=territory.get_absolute_url(),
        text="\n".join(
            [territory.porteur, territory.departement, territory.region, territory.description]
        ),
        facets={"territory": [territory.slug], "region": [territory.region]},
    )


def _coordinator_document(coordinator) -> SearchDocument:
    territory = coordinator.territory
    return SearchDocument(
        key=f"coordinator:{coordinator.pk}",
        kind="annuaire",
        title=coordinator.name,
        url=f"/annuaire/?territoire={territory.slug}",
        text="\n".join(
            [coordinator.role, coordinator.visible_value("organisation"), territory.name]
        ),
        members_only=True,
        facets={
            "territory": [territory.slug],
            "region": [territory.region],
            "axis": sorted(a.slug for a in coordinator.visible_value("axes")),
            "public": sorted(p.slug for p in coordinator.visible_value("publics")),
        },
    )


def document_for_key(key: str) -> SearchDocument | None:
    """The document for a key, or None when the object is gone or must not be searchable."""
    from kb.models import Territory

    kind, _, pk = key.partition(":")
    if kind == "page":
        page = Page.objects.filter(pk=pk).live().first()
        return _page_document(page) if page is not None else None
    if kind == "territory":
        territory = Territory.objects.filter(pk=pk).first()
        return _territory_document(territory) if territory is not None else None
    if kind == "coordinator":
        from kb.selectors import coordinator_list_visible

        coordinator = coordinator_list_visible().filter(pk=pk).first()
        return _coordinator_document(coordinator) if coordinator is not None else None
    return None


class _Bulk:
    """What every page of a full rebuild shares, read once instead of once per page."""

    def __init__(self):
        from django.http import HttpRequest
        from wagtail.models import PageViewRestriction, Site

        self.request = HttpRequest()
        self.request._wagtail_site = Site.objects.filter(is_default_site=True).first()
        self.paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))

    def restricted(self, page: Page) -> bool:
        return bool(self.paths) and page.path.startswith(self.paths)


def all_documents() -> Iterator[SearchDocument]:
    from events.models import EventPage
    from kb.models import FichePage, Territory
    from resources.models import RecordingPage, ResourcePage

    bulk = _Bulk()

    for model, related in [
        (FichePage, ["territories", "publics", "tags"]),
        (EventPage, ["territories"]),
        (RecordingPage, ["tags"]),
        (ResourcePage, ["territories", "tags"]),
    ]:
        pages = model.objects.live().prefetch_related(*related)
        for page in pages.select_related(*_select_related(model)).iterator(chunk_size=500):
            document = _page_document(page, bulk)
            if document is not None:
                yield document
    for territory in Territory.objects.all():
        yield _territory_document(territory)
    from kb.selectors import coordinator_list_visible

    for coordinator in coordinator_list_visible():
        yield _coordinator_document(coordinator)


def _select_related(model) -> list[str]:
    return [
        name for name in ("axis", "event") if any(f.name == name for f in model._meta.get_fields())
    ]


def keys_for_object(obj) -> list[str]:
    """Keys of the documents that show `obj` (a page, a territory or a directory entry)."""
    from kb.models import Coordinator, Territory

    if isinstance(obj, Page):
        return [f"page:{obj.pk}"]
    if isinstance(obj, Territory):
        return [f"territory:{obj.pk}"]
    if isinstance(obj, Coordinator):
        return [f"coordinator:{obj.pk}"]
    return []
