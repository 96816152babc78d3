"""The database engine's facet matrix: counts, visibility, paging, and that writes invalidate it."""

import datetime
from collections import Counter, defaultdict

import pytest

from search.documents import SearchDocument
from search.engines import facet_matrix
from search.engines.base import PAGE_SIZE, SearchQuery
from search.engines.database import DatabaseEngine
from search.engines.facet_matrix import bitset, set_positions
from search.models import SearchEntry, SearchEntryFacet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

WORD = "quasarophile"


def entry_values(members: bool) -> dict[int, dict[str, set[str]]]:
    """Every visible entry's facet values, the kind included, read straight from the tables."""
    entries = (
        SearchEntry.objects.all() if members else SearchEntry.objects.filter(members_only=False)
    )
    values: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pk, kind in entries.values_list("pk", "kind"):
        values[pk]["kind"].add(kind)
    for pk, facet, value in SearchEntryFacet.objects.filter(entry__in=entries).values_list(
        "entry_id", "facet", "value"
    ):
        values[pk][facet].add(value)
    return values


def expected(filters: dict[str, tuple[str, ...]], members: bool) -> tuple[int, dict[str, Counter]]:
    """Total and counts by brute force: OR within a facet, AND across, own selection ignored."""

    def passes(facets: dict[str, set[str]], skipped: str | None) -> bool:
        return all(
            facets.get(name, set()) & set(chosen)
            for name, chosen in filters.items()
            if name != skipped
        )

    entries = entry_values(members)
    total = sum(passes(facets, None) for facets in entries.values())
    counts: dict[str, Counter] = defaultdict(Counter)
    for facets in entries.values():
        for name, values in facets.items():
            if passes(facets, name):
                counts[name].update(values)
    return total, counts


def counts_of(results) -> dict[str, Counter]:
    return {
        name: Counter({value.value: value.count for value in values if value.count})
        for name, values in results.facets.items()
        if any(value.count for value in values)
    }


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"kind": ("fiche",)},
        {"axis": ("aller-vers", "numerique")},
        {"kind": ("fiche", "evenement"), "region": ("Bretagne", "Occitanie")},
        {"kind": ("fiche",), "axis": ("aller-vers", "numerique"), "year": ("2024", "2025")},
        {"territory": ("grenoble",), "status": ("en_cours", "terminee"), "tag": ("numérique",)},
    ],
)
@pytest.mark.parametrize("members", [False, True])
def test_counts_and_total_match_a_brute_force_count(filters, members):
    results = DatabaseEngine().search(SearchQuery(filters=filters, members=members))
    total, counts = expected(filters, members)
    assert results.total == total
    assert counts_of(results) == {name: found for name, found in counts.items() if found}


def test_anonymous_searches_never_see_members_only_entries():
    hidden = set(SearchEntry.objects.filter(members_only=True).values_list("key", flat=True))
    assert hidden
    engine = DatabaseEngine()
    everything = engine.search(SearchQuery())
    assert everything.total == SearchEntry.objects.filter(members_only=False).count()
    pages = -(-everything.total // PAGE_SIZE)
    seen = {
        hit.key
        for page in range(1, pages + 1)
        for hit in engine.search(SearchQuery(page=page)).hits
    }
    assert len(seen) == everything.total and not seen & hidden
    members = engine.search(SearchQuery(members=True))
    assert members.total == SearchEntry.objects.count()


def test_browsing_pages_follow_the_newest_first_order_without_gaps():
    engine = DatabaseEngine()
    total = engine.search(SearchQuery(members=True)).total
    keys = [
        hit.key
        for page in range(1, -(-total // PAGE_SIZE) + 1)
        for hit in engine.search(SearchQuery(members=True, page=page)).hits
    ]
    newest_first = SearchEntry.objects.order_by("-date", "title", "pk")  # NULLS LAST below
    dated = list(newest_first.filter(date__isnull=False).values_list("key", flat=True))
    undated = list(newest_first.filter(date__isnull=True).values_list("key", flat=True))
    assert keys == dated + undated


def test_set_positions_skips_and_walks_far_apart_bits():
    positions = [*range(3, 5000, 17), 9000, 70_000]
    bits = bitset(positions, 70_001)
    assert bits.bit_count() == len(positions)
    for skip in (0, 1, 150, 293, 294, 295, 296, 400):
        assert list(set_positions(bits, skip)) == positions[skip:]


def document(key: str, **changes) -> SearchDocument:
    fields = {
        "key": key,
        "kind": "fiche",
        "title": f"Fiche {WORD}",
        "url": "/fiches/test/",
        "text": "Une fiche de test.",
        "date": datetime.date(2031, 1, 1),
        "facets": {"axis": ["aller-vers"], "region": ["Bretagne"]},
    }
    return SearchDocument(**{**fields, **changes})


def region_count(engine, region: str) -> int:
    results = engine.search(SearchQuery(text=WORD))
    return next((v.count for v in results.facets["region"] if v.value == region), 0)


def test_an_update_through_index_is_seen_by_the_next_search(django_capture_on_commit_callbacks):
    engine = DatabaseEngine()
    with django_capture_on_commit_callbacks(execute=True):
        engine.index([document("test:matrix")])
    pk = SearchEntry.objects.get(key="test:matrix").pk
    assert region_count(engine, "Bretagne") == 1
    with django_capture_on_commit_callbacks(execute=True):
        engine.index([document("test:matrix", facets={"region": ["Occitanie"]})])
    assert SearchEntry.objects.get(key="test:matrix").pk == pk  # same id, new facet values
    assert region_count(engine, "Bretagne") == 0
    assert region_count(engine, "Occitanie") == 1
    only_occitanie = SearchQuery(text=WORD, filters={"region": ("Occitanie",)})
    assert [hit.key for hit in engine.search(only_occitanie).hits] == ["test:matrix"]
    with django_capture_on_commit_callbacks(execute=True):
        engine.delete(["test:matrix"])
    assert engine.search(SearchQuery(text=WORD)).total == 0
    assert engine.search(SearchQuery(filters={"region": ("Occitanie",)})).total == (
        SearchEntryFacet.objects.filter(
            facet="region", value="Occitanie", entry__members_only=False
        )
        .values("entry")
        .distinct()
        .count()
    )


def test_a_write_is_seen_before_its_transaction_commits(django_capture_on_commit_callbacks):
    engine = DatabaseEngine()
    engine.search(SearchQuery())
    with django_capture_on_commit_callbacks(execute=False):
        engine.index([document("test:matrix")])
        assert region_count(engine, "Bretagne") == 1
        engine.index([document("test:matrix", facets={"region": ["Occitanie"]})])
        assert region_count(engine, "Occitanie") == 1


def test_another_process_rebuilds_its_matrix_when_the_generation_moves(
    django_capture_on_commit_callbacks,
):
    engine = DatabaseEngine()
    with django_capture_on_commit_callbacks(execute=True):
        engine.index([document("test:matrix")])
    assert region_count(engine, "Bretagne") == 1
    other_process = facet_matrix.current()
    assert facet_matrix.current() is other_process  # kept while the generation stands
    with django_capture_on_commit_callbacks(execute=True):
        engine.index([document("test:matrix", facets={"region": ["Occitanie"]})])
    # Another worker still holds the matrix it built before the write; only the shared
    # generation token tells it that its copy is stale.
    facet_matrix._matrix = other_process
    assert region_count(engine, "Occitanie") == 1
    assert facet_matrix.current() is not other_process
    with django_capture_on_commit_callbacks(execute=True):
        engine.delete(["test:matrix"])
    facet_matrix._matrix = other_process
    assert engine.search(SearchQuery(text=WORD)).total == 0


def test_did_you_mean_knows_a_title_changed_through_index(django_capture_on_commit_callbacks):
    engine = DatabaseEngine()
    with django_capture_on_commit_callbacks(execute=True):
        engine.index([document("test:matrix", title="Fiche zygomatique")])
    assert "zygomatique" in engine.search(SearchQuery(text="zygomatiqe")).suggestion
    with django_capture_on_commit_callbacks(execute=True):
        engine.index([document("test:matrix", title=f"Fiche {WORD}")])
    assert engine.search(SearchQuery(text="zygomatiqe")).suggestion == ""
