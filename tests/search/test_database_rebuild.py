"""The database engine's bulk rebuild writes what Wagtail's own indexing would write."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from search.documents import all_documents
from search.engines.database import DatabaseEngine, wagtail_backend
from search.models import SearchEntry, SearchEntryFacet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def index_rows() -> dict:
    content_type = ContentType.objects.get_for_model(SearchEntry)
    rows = IndexEntry.objects.filter(content_type=content_type)
    columns = ["title", "autocomplete", "body", "title_norm", "title_text", "body_text"]
    if connection.vendor != "postgresql":
        columns = []
    return {row["object_id"]: row for row in rows.values("object_id", *columns)}


def test_rebuild_writes_every_entry_with_its_facets_and_cues():
    documents = list(all_documents())
    assert DatabaseEngine().rebuild(documents) == len(documents)
    entries = {entry.key: entry for entry in SearchEntry.objects.all()}
    assert set(entries) == {d.key for d in documents}
    for document in documents:
        entry = entries[document.key]
        assert (entry.kind, entry.title, entry.url, entry.text, entry.date) == (
            document.kind,
            document.title,
            document.url,
            document.text,
            document.date,
        )
        assert entry.members_only == document.members_only
        assert entry.cues == [list(cue) for cue in document.cues]
        facets = set(SearchEntryFacet.objects.filter(entry=entry).values_list("facet", "value"))
        assert facets == {(f, v) for f, values in document.facets.items() for v in values}
    assert set(index_rows()) == {str(pk) for pk in SearchEntry.objects.values_list("pk", flat=True)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes vectors in SQL")
def test_postgresql_vectors_and_title_norms_equal_wagtails_own_indexing():
    DatabaseEngine().rebuild(all_documents())
    ours = index_rows()
    content_type = ContentType.objects.get_for_model(SearchEntry)
    IndexEntry.objects.filter(content_type=content_type).delete()
    fulltext = get_search_backend(wagtail_backend()).get_index_for_model(SearchEntry)
    fulltext.add_items(SearchEntry, list(SearchEntry.objects.all()))
    wagtails = index_rows()
    assert ours.keys() == wagtails.keys()
    for object_id, row in wagtails.items():
        mine = ours[object_id]
        assert mine["title_norm"] == pytest.approx(row["title_norm"]), object_id
        for column in ("title", "autocomplete", "body", "title_text", "body_text"):
            assert mine[column] == row[column], (object_id, column)
