"""Indexing follows publishing, and never makes publishing fail."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from kb.models import FicheIndexPage, FichePage, Territory
from search.engines.base import SearchQuery
from search.models import PendingIndexChange
from search.service import search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

WORD = "zoubidouxtest"


def publish_fiche(captured) -> FichePage:
    index = FicheIndexPage.objects.get()
    fiche = FichePage(
        title=f"Fiche {WORD}",
        slug=f"fiche-{WORD}",
        chapo="Une fiche de test.",
        axis_id=FichePage.objects.first().axis_id,
        status="en_cours",
        year=2025,
    )
    fiche.territories = [Territory.objects.get(numero=19)]
    with captured(execute=True):
        index.add_child(instance=fiche)
        fiche.save_revision().publish()
    return fiche


def test_a_published_fiche_is_found_and_an_unpublished_one_is_gone(
    django_capture_on_commit_callbacks,
):
    fiche = publish_fiche(django_capture_on_commit_callbacks)
    try:
        assert search(SearchQuery(text=WORD)).total == 1
        with django_capture_on_commit_callbacks(execute=True):
            fiche.unpublish()
        assert search(SearchQuery(text=WORD)).total == 0
    finally:
        with django_capture_on_commit_callbacks(execute=True):
            fiche.delete()
    assert search(SearchQuery(text=WORD)).total == 0


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9", ELASTICSEARCH_TIMEOUT=1)
def test_publishing_while_elasticsearch_is_down_succeeds_and_queues_the_change(
    django_capture_on_commit_callbacks,
):
    fiche = publish_fiche(django_capture_on_commit_callbacks)
    assert FichePage.objects.get(pk=fiche.pk).live
    assert PendingIndexChange.objects.filter(key=f"page:{fiche.pk}").exists()
    # The database engine (the fallback) already knows it.
    assert search(SearchQuery(text=WORD)).total == 1
    with pytest.raises(Exception, match="toujours indisponible"):
        call_command("search_sync")


def test_search_rebuild_rebuilds_the_database_index(django_capture_on_commit_callbacks):
    before = search(SearchQuery()).total
    call_command("search_rebuild", engine="database")
    assert search(SearchQuery()).total == before


def test_search_sync_delivers_what_was_queued_during_an_outage(
    django_capture_on_commit_callbacks, settings
):
    if not settings.ELASTICSEARCH_URL:
        pytest.skip("the queue only exists beside Elasticsearch (make test-full)")
    from search.engines.elasticsearch import ElasticsearchEngine

    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    fiche = publish_fiche(django_capture_on_commit_callbacks)
    assert PendingIndexChange.objects.filter(key=f"page:{fiche.pk}").exists()
    settings.ELASTICSEARCH_URL = url
    engine = ElasticsearchEngine()
    try:
        assert engine.search(SearchQuery(text=WORD)).total == 0
        call_command("search_sync")
        assert not PendingIndexChange.objects.exists()
        assert engine.search(SearchQuery(text=WORD)).total == 1
    finally:
        engine.delete([f"page:{fiche.pk}"])


def test_a_rebuild_that_fails_while_building_leaves_both_indexes_as_they_were(monkeypatch):
    """Elasticsearch is fed while the documents are built: a failure must not move its alias."""
    from search import indexing

    engine = indexing.elasticsearch_engine()
    alias_before = engine_state(engine)
    database_before = search(SearchQuery()).total

    documents = list(indexing.all_documents())[:5]

    def broken_documents():
        yield from documents
        raise ValueError("page illisible")

    monkeypatch.setattr(indexing, "all_documents", broken_documents)
    with pytest.raises(ValueError, match="page illisible"):
        indexing.rebuild()
    assert search(SearchQuery()).total == database_before
    assert engine_state(engine) == alias_before


def engine_state(engine):
    """The index behind the Elasticsearch alias and its document count (None without it)."""
    if engine is None:
        return None
    from search.engines.elasticsearch import alias_name, client

    es = client()
    es.indices.refresh(index=alias_name())
    indexes = sorted(es.indices.get(index=f"{alias_name()}-*"))  # no half-filled one left
    return (
        indexes,
        sorted(es.indices.get_alias(name=alias_name())),
        es.count(index=alias_name())["count"],
    )
