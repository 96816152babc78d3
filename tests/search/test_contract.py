"""The same behaviour from both engines: text, facets, visibility, pagination."""

import pytest

from resources.models import ResourcePage
from search.engines.base import PAGE_SIZE, SearchQuery
from search.text import clean_query

pytestmark = pytest.mark.usefixtures("demo")


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def counts(results, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[facet]}


@pytest.mark.parametrize("text", ["echange de donnees", "ÉCHANGE DE DONNÉES", "Échange de données"])
def test_accents_and_case_do_not_matter(engine, text):
    results = engine.search(SearchQuery(text=text, filters={"kind": ("fiche",)}))
    assert results.total >= 3
    assert any("échange de données" in title.lower() for title in titles(results))


def test_plural_finds_singular_where_the_engine_stems(engine):
    if not engine.stems_words:
        pytest.skip("SQLite FTS5 has no French stemmer: plurals only match on PostgreSQL and ES")
    results = engine.search(SearchQuery(text="caravanes"))
    assert any("Caravane" in title for title in titles(results))


def test_synonyms_where_the_engine_knows_them(engine):
    if not engine.knows_synonyms:
        pytest.skip("the domain synonym list is an Elasticsearch analysis feature")
    results = engine.search(SearchQuery(text="revenu de solidarité active"))
    assert any("RSA" in title for title in titles(results))
    fracture = engine.search(SearchQuery(text="fracture numérique"))
    illectronisme = engine.search(SearchQuery(text="illectronisme"))
    assert (
        set(titles(illectronisme)) <= set(titles(fracture)) or illectronisme.total <= fracture.total
    )


def test_several_words_must_all_match(engine):
    both = engine.search(SearchQuery(text="caravane Grenoble"))
    assert both.total >= 1
    assert both.total < engine.search(SearchQuery(text="caravane")).total or both.total == 1
    assert engine.search(SearchQuery(text="caravane zzzzquux")).total == 0


def test_values_of_one_facet_combine_with_or(engine):
    base = engine.search(SearchQuery(filters={"kind": ("fiche",)}))
    by_axis = counts(base, "axis")
    both = engine.search(
        SearchQuery(filters={"kind": ("fiche",), "axis": ("aller-vers", "numerique")})
    )
    assert both.total == by_axis["aller-vers"] + by_axis["numerique"]


def test_facets_combine_with_and_and_ignore_their_own_selection(engine):
    query = SearchQuery(filters={"axis": ("echange-de-donnees",), "region": ("Bretagne",)})
    results = engine.search(query)
    assert results.total >= 1
    axis_only = engine.search(SearchQuery(filters={"axis": ("echange-de-donnees",)}))
    assert results.total < axis_only.total
    region_counts = counts(results, "region")
    # The region facet ignores the region selection: its siblings keep their counts.
    assert region_counts == counts(axis_only, "region")
    selected = [v for v in results.facets["region"] if v.selected]
    assert [v.value for v in selected] == ["Bretagne"]


def test_facet_counts_agree_with_what_clicking_gives(engine):
    base = SearchQuery(text="droits", filters={"kind": ("fiche",)})
    results = engine.search(base)
    for facet in ("axis", "status", "year", "region"):
        for value in results.facets[facet][:4]:
            clicked = engine.search(
                SearchQuery(text="droits", filters={"kind": ("fiche",), facet: (value.value,)})
            )
            assert clicked.total == value.count, (facet, value.value)


def test_an_unknown_facet_value_matches_nothing(engine):
    assert engine.search(SearchQuery(filters={"axis": ("n-existe-pas",)})).total == 0


def test_anonymous_visitors_never_see_the_directory_or_members_only_content(engine):
    restricted = next(p for p in ResourcePage.objects.live() if p.get_view_restrictions())
    anonymous = engine.search(SearchQuery(text=clean_query(restricted.title)))
    assert restricted.title not in titles(anonymous)
    everything = engine.search(SearchQuery())
    assert "annuaire" not in counts(everything, "kind")
    directory = engine.search(SearchQuery(filters={"kind": ("annuaire",)}))
    assert directory.total == 0 and directory.hits == []
    assert restricted.title not in engine.autocomplete(restricted.title[:8], members=False)


def test_members_find_the_directory_and_members_only_content(engine):
    restricted = next(p for p in ResourcePage.objects.live() if p.get_view_restrictions())
    member = engine.search(SearchQuery(text=clean_query(restricted.title), members=True))
    assert restricted.title in titles(member)
    assert counts(engine.search(SearchQuery(members=True)), "kind")["annuaire"] == 39


def test_pagination_walks_through_all_results_without_overlap(engine):
    first = engine.search(SearchQuery(page=1))
    second = engine.search(SearchQuery(page=2))
    assert len(first.hits) == PAGE_SIZE
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}
    last_page = -(-first.total // PAGE_SIZE)
    assert engine.search(SearchQuery(page=last_page + 1)).hits == []


def test_sort_by_date_puts_the_newest_first(engine):
    results = engine.search(SearchQuery(text="webinaire", sort="date"))
    dates = [hit.date for hit in results.hits if hit.date]
    assert dates == sorted(dates, reverse=True)


def test_snippets_mark_the_matching_words_and_escape_html(engine):
    results = engine.search(SearchQuery(text="caravane"))
    assert any("<mark>" in hit.snippet for hit in results.hits)
    assert all("<script" not in hit.snippet for hit in results.hits)


def test_did_you_mean_offers_a_correction_when_nothing_matches(engine):
    results = engine.search(SearchQuery(text="caravanne"))
    if results.total == 0:
        assert "caravane" in results.suggestion


def test_autocomplete_completes_titles_from_any_word(engine):
    suggestions = engine.autocomplete("carav", members=False)
    assert any("Caravane" in title for title in suggestions)


@pytest.mark.parametrize(
    "text", ['"(aller', "RSA AND (", "a" * 10_000, "\x00\x00 droits", "titre:[* TO *] ~2 \\"]
)
def test_hostile_text_is_reduced_to_words_and_never_errors(engine, text):
    results = engine.search(SearchQuery(text=clean_query(text)))
    assert results.total >= 0
