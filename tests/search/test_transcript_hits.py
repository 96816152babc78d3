"""A hit inside a recording's transcript carries the cue time and a deep link, on both engines."""

import re

import pytest

from resources.models import RecordingPage
from resources.transcripts import parse_transcript
from search.documents import SearchDocument
from search.engines.base import SearchQuery
from search.text import fold

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def indexed(engine):
    """Two made-up recordings indexed in the engine under test, removed afterwards."""
    documents = [
        SearchDocument(
            key="page:990001",
            kind="enregistrement",
            title="Webinaire de test sur les quasars",
            url="/ressources/test-quasars/",
            text="Résumé.\nOn parle d'abord d'autre chose.\nLes zorglubiens arrivent.\nFin.",
            cues=[
                (5, "On parle d'abord d'autre chose."),
                (754, "Les zorglubiens arrivent."),
                (900, "Fin."),
            ],
        ),
        SearchDocument(
            key="page:990002",
            kind="enregistrement",
            title="Zorglubiens sans transcription",
            url="/ressources/test-sans/",
            text="Un résumé sans le mot.",
        ),
    ]
    engine.index(documents)
    yield engine
    engine.delete([document.key for document in documents])


def test_a_transcript_hit_carries_the_cue_time_and_deep_link(indexed):
    results = indexed.search(SearchQuery(text="zorglubiens"))
    by_key = {hit.key: hit for hit in results.hits}
    hit = by_key["page:990001"]
    assert hit.time == 754
    assert hit.time_label == "12:34"
    assert hit.url == "/ressources/test-quasars/?t=754"
    assert "<mark>" in hit.snippet and "zorglubiens" in fold(hit.snippet)
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    # A match in the title only has no time and keeps its plain URL.
    plain = by_key["page:990002"]
    assert plain.time is None and plain.url == "/ressources/test-sans/"


def test_demo_transcript_hits_point_at_a_cue_that_says_it(engine):
    results = engine.search(SearchQuery(text="bailleurs"))
    recordings = [hit for hit in results.hits if hit.kind == "enregistrement"]
    assert len(recordings) >= 3
    for hit in recordings:
        assert hit.time is not None, hit.title
        page = RecordingPage.objects.get(title=hit.title)
        cues = [cue for cue in parse_transcript(page.transcript) if cue.seconds == hit.time]
        assert any("bailleur" in fold(cue.text) for cue in cues), (hit.title, hit.time)
        assert hit.url == f"{page.url}?t={hit.time}"


def test_search_page_and_api_show_the_time(client, db):
    page = client.get("/recherche/", {"q": "bailleurs sociaux"}).content.decode()
    assert re.search(r'<span class="tznr-hit-time">à \d{2}:\d{2}</span> — …', page)
    data = client.get("/api/search/", {"q": "bailleurs sociaux"}).json()
    timed = [hit for hit in data["hits"] if hit["time"] is not None]
    assert timed
    for hit in timed:
        assert isinstance(hit["time"], int) and f"?t={hit['time']}" in hit["url"]
    assert all(hit["time"] is None for hit in data["hits"] if hit["kind"] != "enregistrement")
