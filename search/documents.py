"""What is searchable: every live page, territory and directory entry as one flat document.

Both engines index these same documents, so they answer the same questions.
"""

import datetime
import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.timezone import localdate
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


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    """The Paris date of a stored (UTC) moment: an event at 0 h 30 on 1 January is on
    1 January, in its year."""
    return localdate(moment) if moment else None


def _territory_facets(territories: list[tuple[str, str]]) -> dict[str, list[str]]:
    return {
        "territory": sorted({slug for slug, _ in territories}),
        "region": sorted({region for _, region in territories}),
    }


def _axis(row: dict) -> list[str]:
    return [row["axis__slug"]] if row["axis__slug"] else []


def _fiche(row: dict, related: dict, common: dict) -> SearchDocument:
    return SearchDocument(
        kind="fiche",
        text="\n".join([row["chapo"], *row["body"], row["partners"]]),
        date=_day(row["first_published_at"]),
        facets={
            "axis": _axis(row),
            **_territory_facets(related["territories"]),
            "public": sorted(slug for (slug,) in related["publics"]),
            "status": [row["status"]],
            "year": [str(row["year"])],
            "tag": sorted(name for (name,) in related["tags"]),
        },
        **common,
    )


def _event(row: dict, related: dict, common: dict) -> SearchDocument:
    day = _day(row["start"])
    return SearchDocument(
        kind="evenement",
        text="\n".join([row["summary"], *row["body"], row["place"]]),
        date=day,
        facets={
            **_territory_facets(related["territories"]),
            "year": [str(day.year)],
            "event_kind": [row["kind"]],
        },
        **common,
    )


def _recording(row: dict, related: dict, common: dict) -> SearchDocument:
    from resources.transcripts import safe_cues

    cues = safe_cues(row["transcript"])
    # The day of the event it records; without one, the day it was published.
    day = _day(row["event__start"] or row["first_published_at"] or row["go_live_at"])
    return SearchDocument(
        kind="enregistrement",
        text="\n".join([row["summary"], row["speakers"], *(cue.text for cue in cues)]),
        cues=[(cue.seconds, cue.text) for cue in cues],
        date=day,
        facets={
            "axis": _axis(row),
            "year": [str(day.year)] if day else [],
            "event_kind": [row["event__kind"]] if row["event__start"] else [],
            "tag": sorted(name for (name,) in related["tags"]),
        },
        **common,
    )


def _resource(row: dict, related: dict, common: dict) -> SearchDocument:
    return SearchDocument(
        kind="ressource",
        text="\n".join([row["summary"], *row["body"]]),
        date=datetime.date(row["year"], 1, 1),
        facets={
            "axis": _axis(row),
            **_territory_facets(related["territories"]),
            "year": [str(row["year"])],
            "tag": sorted(name for (name,) in related["tags"]),
        },
        **common,
    )


@dataclass(frozen=True)
class _PageSource:
    """How one page type becomes documents: the columns it reads, its relations, its builder."""

    fields: tuple[str, ...]
    relations: dict[str, tuple[str, ...]]
    build: Callable[[dict, dict, dict], SearchDocument]


def _page_sources() -> dict[type, _PageSource]:
    from events.models import EventPage
    from kb.models import FichePage
    from resources.models import RecordingPage, ResourcePage

    territories = ("slug", "region")
    return {
        FichePage: _PageSource(
            ("chapo", "body", "partners", "axis__slug", "status", "year", "first_published_at"),
            {"territories": territories, "publics": ("slug",), "tags": ("name",)},
            _fiche,
        ),
        EventPage: _PageSource(
            ("summary", "body", "place", "start", "kind"),
            {"territories": territories},
            _event,
        ),
        RecordingPage: _PageSource(
            (
                "summary",
                "speakers",
                "transcript",
                "axis__slug",
                "event__start",
                "event__kind",
                "first_published_at",
                "go_live_at",
            ),
            {"tags": ("name",)},
            _recording,
        ),
        ResourcePage: _PageSource(
            ("summary", "body", "year", "axis__slug"),
            {"territories": territories, "tags": ("name",)},
            _resource,
        ),
    }


class _Pages:
    """Reads pages as plain rows (no page objects) and builds their documents in batches.

    The same code serves a full rebuild and a single page, so both give the same document.
    """

    BATCH = 2000

    def __init__(self):
        from wagtail.models import PageViewRestriction, Site

        self.restricted = set(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.roots = [
            (root.root_path, root.root_url, root.site_id) for root in Site.get_site_root_paths()
        ]
        self.site_id = (
            Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        )

    def url(self, url_path: str) -> str:
        """The page's URL as Wagtail's `get_url` gives it: relative on the default site."""
        for root_path, root_url, site_id in self.roots:
            if url_path.startswith(root_path):
                path = "/" + url_path[len(root_path) :]
                return path if site_id == self.site_id else root_url + path
        return ""

    def is_restricted(self, path: str) -> bool:
        """Whether the page or one of its ancestors has a view restriction (treebeard paths)."""
        step = Page.steplen
        return any(path[:end] in self.restricted for end in range(step, len(path) + 1, step))

    def documents(self, model, source: _PageSource, pks=None) -> Iterator[SearchDocument]:
        from django.db.models import JSONField
        from django.db.models.functions import Cast
        from wagtail.fields import StreamField

        rows = model.objects.live().order_by("pk")
        if pks is not None:
            rows = rows.filter(pk__in=pks)
        streams = {
            name: model._meta.get_field(name).stream_block
            for name in source.fields
            if "__" not in name and isinstance(model._meta.get_field(name), StreamField)
        }
        # Stream fields come as their stored JSON: no StreamValue is built.
        rows = rows.annotate(**{f"{name}_json": Cast(name, JSONField()) for name in streams})
        columns = [name for name in source.fields if name not in streams]
        columns += [f"{name}_json" for name in streams]
        batch: list[dict] = []
        for row in rows.values("pk", "title", "path", "url_path", *columns).iterator(
            chunk_size=self.BATCH
        ):
            for name, block in streams.items():
                row[name] = stream_text(block, row.pop(f"{name}_json"))
            batch.append(row)
            if len(batch) == self.BATCH:
                yield from self._batch(model, source, batch)
                batch = []
        if batch:
            yield from self._batch(model, source, batch)

    def _batch(self, model, source, rows) -> Iterator[SearchDocument]:
        pks = [row["pk"] for row in rows]
        related = {
            name: _related_values(model, name, fields, pks)
            for name, fields in source.relations.items()
        }
        for row in rows:
            common = {
                "key": f"page:{row['pk']}",
                "title": row["title"],
                "url": self.url(row["url_path"]),
                "members_only": self.is_restricted(row["path"]),
            }
            yield source.build(row, {name: related[name][row["pk"]] for name in related}, common)


def _related_values(model, name: str, fields: tuple[str, ...], pks: list[int]) -> dict:
    """{page pk: [(field values of one related object), …]} read from the relation's table."""
    relation = model._meta.get_field(name)
    through = relation.remote_field.through
    page = next(
        f.name
        for f in through._meta.get_fields()
        if f.many_to_one and issubclass(model, f.related_model)
    )
    target = relation.m2m_reverse_field_name()
    grouped = defaultdict(list)
    rows = through.objects.filter(**{f"{page}_id__in": pks})
    for pk, *values in rows.values_list(f"{page}_id", *(f"{target}__{f}" for f in fields)):
        grouped[pk].append(tuple(values))
    return grouped


TAG = re.compile(r"<[^>]*>")


def stream_text(block, value) -> list[str]:
    """The text of a StreamField value, read from its stored JSON along the block definitions.

    Rich text loses its markup; headings, quotes and callouts give their words; choices,
    images and documents give nothing. No block value is built, so this is fast enough to
    run over every page of a rebuild.
    """
    from wagtail import blocks

    if value in (None, ""):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [
            text
            for item in value
            if item.get("type") in block.child_blocks
            for text in stream_text(block.child_blocks[item["type"]], item.get("value"))
        ]
    if isinstance(block, blocks.ListBlock):
        items = (
            item.get("value") if isinstance(item, dict) and "type" in item else item
            for item in value
        )
        return [text for item in items for text in stream_text(block.child_block, item)]
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in stream_text(child, value.get(name))
        ]
    if isinstance(block, blocks.RichTextBlock):
        text = TAG.sub(" ", value)
        words = " ".join((html.unescape(text) if "&" in text else text).split())
        return [words] if words else []
    if isinstance(block, blocks.CharBlock | blocks.TextBlock) and isinstance(value, str):
        return [value] if value.strip() else []
    return []


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
        source = _page_sources().get(page.specific_class) if page is not None else None
        if source is None:
            return None
        return next(_Pages().documents(page.specific_class, source, [page.pk]), None)
    if kind == "territory":
        territory = Territory.objects.filter(pk=pk).first()
        return _territory_document(territory) if territory is not None else None
    if kind == "coordinator":
        from kb.selectors import coordinator_list_visible

        coordinator = coordinator_list_visible().filter(pk=pk).first()
        return _coordinator_document(coordinator) if coordinator is not None else None
    return None


def all_documents() -> Iterator[SearchDocument]:
    from kb.models import Territory
    from kb.selectors import coordinator_list_visible

    pages = _Pages()
    for model, source in _page_sources().items():
        yield from pages.documents(model, source)
    for territory in Territory.objects.all():
        yield _territory_document(territory)
    for coordinator in coordinator_list_visible():
        yield _coordinator_document(coordinator)


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
