"""Every searchable page and object as one flat document, built through the sources apps
register (kb.searchable); index keys are named here and nowhere else.

Both engines index these same documents, so they answer the same questions.
"""

import html
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

from django.apps import apps
from django.db import models
from django.db.models import JSONField
from django.db.models.functions import Cast
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, Site

from kb import searchable
from kb.searchable import ObjectSource, PageSource, SearchDocument

__all__ = ["SearchDocument", "all_documents", "document_for_key", "keys_for_object"]


# -- index keys: "page:<pk>" for a page, "<model name>:<pk>" for an object --------------------


def page_key(pk) -> str:
    return f"page:{pk}"


def object_key(model: type[models.Model], pk) -> str:
    return f"{model._meta.model_name}:{pk}"


def keys_for_object(obj) -> list[str]:
    """Keys of the documents that show `obj` (a page, or an object of a registered source)."""
    if isinstance(obj, Page):
        return [page_key(obj.pk)]
    if _object_source(type(obj)) is not None:
        return [object_key(type(obj), obj.pk)]
    return []


def keys_for(model: type[models.Model], pks) -> list[str]:
    """Keys of these objects of `model` (pages of any type, or objects of a source)."""
    if issubclass(model, Page):
        return [page_key(pk) for pk in pks]
    return [object_key(model, pk) for pk in pks]


def _object_source(model) -> ObjectSource | None:
    return next((s for s in searchable.object_sources() if s.model is model), None)


def _page_source(model) -> PageSource | None:
    return next((s for s in searchable.page_sources() if s.model is model), None)


def depending_keys(instance: models.Model) -> list[str]:
    """Keys of the documents built from `instance` through a source's `depends_on`."""
    keys = []
    for source in searchable.sources():
        for dependency, lookup in source.depends_on.items():
            if isinstance(dependency, str):
                dependency = apps.get_model(dependency)
            if isinstance(instance, dependency):
                pks = source.model.objects.filter(**{lookup: instance}).values_list("pk", flat=True)
                keys += keys_for(source.model, pks)
    return keys


# -- pages: read as rows ------------------------------------------------------------------


class _Pages:
    """Reads pages as plain rows (no page objects) and builds their documents in batches.

    The same code serves a full rebuild and a single page, so both give the same document.
    """

    BATCH = 2000

    def __init__(self):
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

    def documents(self, source: PageSource, pks=None) -> Iterator[SearchDocument]:
        model = source.model
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
                yield from self._batch(source, batch)
                batch = []
        if batch:
            yield from self._batch(source, batch)

    def _batch(self, source: PageSource, rows) -> Iterator[SearchDocument]:
        pks = [row["pk"] for row in rows]
        related = {
            name: _related_values(source.model, name, fields, pks)
            for name, fields in source.relations.items()
        }
        extended = searchable.extended_facets(source.model, pks)
        for row in rows:
            common = {
                "key": page_key(row["pk"]),
                "title": row["title"],
                "url": self.url(row["url_path"]),
                "members_only": self.is_restricted(row["path"]),
            }
            document = source.build(
                row, {name: related[name][row["pk"]] for name in related}, common
            )
            yield _extended(document, extended.get(row["pk"]))


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


# -- every document, one document --------------------------------------------------------


def _extended(document: SearchDocument, facets: dict | None) -> SearchDocument:
    """The document with the facets other apps add to it (kb.searchable.extend)."""
    if not facets:
        return document
    return replace(document, facets={**document.facets, **facets})


def _object_document(source: ObjectSource, obj) -> SearchDocument:
    document = replace(source.build(obj), key=object_key(source.model, obj.pk))
    return _extended(document, searchable.extended_facets(source.model, [obj.pk]).get(obj.pk))


def document_for_key(key: str) -> SearchDocument | None:
    """The document for a key, or None when the object is gone or must not be searchable."""
    prefix, _, pk = key.partition(":")
    if prefix == "page":
        page = Page.objects.filter(pk=pk).live().first()
        source = _page_source(page.specific_class) if page is not None else None
        if source is None:
            return None
        return next(_Pages().documents(source, [page.pk]), None)
    for source in searchable.object_sources():
        if source.model._meta.model_name == prefix:
            obj = source.objects().filter(pk=pk).first()
            return _object_document(source, obj) if obj is not None else None
    return None


def all_documents() -> Iterator[SearchDocument]:
    pages = _Pages()
    for source in searchable.page_sources():
        yield from pages.documents(source)
    for source in searchable.object_sources():
        for obj in source.objects():
            yield _object_document(source, obj)
