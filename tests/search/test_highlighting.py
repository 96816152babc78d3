"""Highlighting marks whole words that match a query term, never pieces of words or stop words.

The database engine marked substrings (« di<mark>vers</mark>ité », « CA<mark>RSA</mark>T »,
« <mark>des</mark> »); Elasticsearch marked elided articles with their word
(« <mark>d'aller</mark> ») and missed words found through a synonym. Same contract on both.
"""

import html
import re

import pytest

from search.engines.base import SearchQuery
from search.text import FRENCH_STOP_WORDS, WORD, fold, mark, query_terms, snippet

pytestmark = pytest.mark.usefixtures("demo")

MARKED = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
STOP = {fold(word) for word in FRENCH_STOP_WORDS}


def marks(snippet_html: str) -> list[tuple[str, str, str]]:
    """Each marked text with the character before and after it (unescaped)."""
    found = []
    for match in MARKED.finditer(snippet_html):
        before = html.unescape(re.sub(r"</?mark>", "", snippet_html[: match.start()]))
        after = html.unescape(re.sub(r"</?mark>", "", snippet_html[match.end() :]))
        found.append((before[-1:], html.unescape(match.group(1)), after[:1]))
    return found


def assert_whole_words_without_stop_words(results, query: str):
    for hit in results.hits:
        for before, marked, after in marks(hit.snippet):
            where = f"{query!r} → {hit.title}: {hit.snippet}"
            assert not re.match(r"\w", before), f"a piece of a word marked: {where}"
            assert not re.match(r"\w", after), f"a piece of a word marked: {where}"
            words = WORD.findall(marked)
            assert words, where
            assert not [w for w in words if fold(w) in STOP], f"a stop word marked: {where}"


@pytest.mark.parametrize(
    "query", ["aller vers", "RSA", "accès des personnes", "vers", "caravane", "CAF"]
)
def test_marks_are_whole_words_and_never_stop_words(engine, query):
    results = engine.search(SearchQuery(text=query, members=True))
    assert results.total > 0
    assert_whole_words_without_stop_words(results, query)


def test_a_query_word_inside_a_longer_word_is_not_marked(engine):
    rsa = engine.search(SearchQuery(text="RSA", members=True))
    snippets = " ".join(hit.snippet for hit in rsa.hits)
    assert "CARSAT" in snippets  # the demo's intercaisses texts name the CARSAT
    assert "CA<mark>" not in snippets
    assert sum("<mark>RSA</mark>" in hit.snippet for hit in rsa.hits) >= 3
    vers = engine.search(SearchQuery(text="vers", members=True))
    assert "<mark>vers</mark>" in " ".join(hit.snippet for hit in vers.hits)
    assert "di<mark>" not in " ".join(hit.snippet for hit in vers.hits)


def test_elided_articles_stay_outside_the_mark(engine):
    results = engine.search(SearchQuery(text="aller vers", members=True))
    snippets = " ".join(hit.snippet for hit in results.hits)
    assert re.search(r"d&#x27;<mark>aller", snippets)
    assert not re.search(r"<mark>[dl]&#x27;", snippets, re.IGNORECASE)


def test_stemmed_forms_are_marked_where_the_engine_stems(engine):
    if not engine.stems_words:
        pytest.skip(
            "SQLite FTS5 matches words as typed (the snippet's own marking is tested below)"
        )
    results = engine.search(SearchQuery(text="caravanes", members=True))
    marked = {fold(word) for hit in results.hits for _, word, _ in marks(hit.snippet)}
    assert "caravane" in marked


def test_snippet_marks_stemmed_forms_of_the_query_and_nothing_else():
    terms = query_terms("caravanes des droits")
    assert mark("La caravane des droits, un droit ; la diversité", terms) == (
        "La <mark>caravane</mark> des <mark>droits</mark>, un <mark>droit</mark> ; la diversité"
    )
    assert mark("CARSAT et RSA", query_terms("rsa")) == "CARSAT et <mark>RSA</mark>"
    assert mark("la diversité", query_terms("vers")) == "la diversité"
    assert mark("la diversité", query_terms("diversite")) == "la <mark>diversité</mark>"
    assert query_terms("des de la") == frozenset()


def test_snippet_starts_and_ends_on_whole_words():
    text = "diversité " * 40 + "le revenu de solidarité active " + "versant " * 40
    extract = snippet(text, "solidarité")
    assert extract.startswith("…diversité") and extract.endswith("versant…")
    assert "<mark>solidarité</mark>" in extract
