"""Render bench/RESULTS.md from bench/results/<name>.json (full run first, else quick)."""

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
PAGE_NAMES = ["home", "fiche", "fiche_list", "search_page", "calendar"]

FINDINGS = """\
## What the benchmark revealed, what was fixed, what is left

Fixed in the code (not in the benchmark):

- **Database engine** (`search/engines/database.py`): it read the facet rows of every
  visible entry and counted in Python. Now one SQL statement per search returns the facet
  counts, the total and the page of hits: the text match, each selected facet as a per-entry
  flag, then every facet counted without its own selection (OR within a facet, AND across,
  audience filter first). PostgreSQL matches through a GIN index on `title || body`
  (migration `search/0003`, bitmap scan forced for text queries) and ranks on the title
  vector: title matches first, shorter titles first (Wagtail's `title_norm`), then newest —
  `ts_rank` over every matching body cost seconds when most entries match. SQLite runs the
  FTS5 match first and ranks with `bm25()`. "Did you mean" words are split and deduplicated
  by PostgreSQL, cached per process until the entries change.
- **Rebuild** (`search/documents.py`, `search/engines/database.py`): building the
  documents cost three queries per page (view restrictions, alias check, a cache read for
  the site's root paths): now read once per rebuild. The database engine wrote one
  `update_or_create` per entry, each also pushed to Wagtail's Elasticsearch admin index by
  Wagtail's signal: now bulk inserts, and on PostgreSQL Wagtail's index vectors computed by
  one `INSERT … SELECT` (the same vectors `add_items` writes, checked row by row).
- **Pages**: Wagtail's `.public()` adds one `path LIKE` clause per view restriction, so
  every list grew with the members-only resources (thousands at 100k):
  `kb.selectors.public_pages` does the same in a bounded query (used by the fiche list,
  the home page, the navigation and the calendar's selector). Page links go through the
  request (one site-root lookup per request instead of one per link), the fiche page reads
  its territories' URLs with one lookup, the filter form reads each list once.
- **Search page and API**: facet toggle URLs built from plain lists (hundreds per page),
  accent folding through one `str.translate`, Elasticsearch hits fetched without their full
  text (transcripts), facet labels cached per process for a minute (cleared on save).
- **Cache**: anonymous pages are cached whole in the worker (`config/middleware.py`).

Left, and why:

- **Calendar** (`events/models.py`, owned by the events work): `EventIndexPage` renders
  every upcoming and past event on one page (18,000 at 100k), so its time grows with the
  corpus. It needs a bounded or paginated past list.
- **Full reindex**: the engines' own writes run close to raw bulk; the time goes into
  building documents from Wagtail page objects (StreamField text, prefetches, ~2–3 ms a
  page) and parsing transcripts with webvtt-py (~60 ms for 3,000 words). Reaching 2,000
  documents/s needs documents built from `values()` rows and a streaming WebVTT reader
  (`resources/transcripts.py`).
- **Database engine at 100k**: a word found in most documents ("droits") makes PostgreSQL
  visit and count most of the 100k entries and ~1M facet rows; without text it is all of
  them. Within 150 ms would need precomputed counts (e.g. a facet matrix per audience) or
  a cap on counted matches; Elasticsearch stays the engine for that size.
- **Uncached pages** render in 70–150 ms each here (a minimal view: under 2 ms), so they
  stay far below 1/8 of the floor: Wagtail page objects (each builds its child relations),
  template rendering and 12–18 queries per page. The cached anonymous pages reach the
  floor. At 100k the fiche list also counts and sorts 62,000 fiches per request; it needs
  an index on the sort order or a cached count.
- **Worker memory**: the 100k calendar loads 18,000 event pages in one request, which is
  what lifts a worker's peak above 200 MB (the same worker stays near 150 MB at 1k).
- **Queries per page**: 9–11 of the queries on a page are Wagtail's own (site lookup, one
  lookup plus one `specific` per path segment, view-restriction checks, navigation).
- **Throughput figures** come from a 2-core machine shared with four other jobs: compare
  the ratios, not the absolute numbers.

"""

LOADER_NOTE = """\
## How the corpus is loaded, and why

`bench/corpus.py` generates the corpus from the demo's own vocabulary (axes, publics,
the 39 territories, tags, partners, benefits): fiches (62 %), events (18 %), resources
(18 %, 15 % of them members-only) and webinar recordings (2 %) whose WebVTT transcripts
hold 2,000–3,500 words. Same seed, same corpus (`tests/bench/test_corpus.py`).

`manage.py bench_load N` (app `bench`, enabled only by `bench.settings`) writes them as
real, live Wagtail pages under the demo's index pages: the same rows the admin writes
(`wagtailcore_page` with treebeard paths computed by treebeard's own `_get_path`, the
specific table, M2M territories/publics, taggit tags, view restrictions for members-only
resources), inserted in batches. Creating 100k pages one by one with `add_child()` +
`save_revision()` costs tens of queries per page and would take most of an hour on this
machine; the bulk path loads 100k pages in about a minute and the pages it writes serve,
list and index exactly like hand-made ones (no revision history is written). Indexing is
then the real `search_rebuild` code path (`search.indexing.rebuild`), the command users run.
"""


def fmt(value, digits=1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}".replace(",", " ")
    return str(value)


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "missed")


def targets(data: dict) -> list[str]:
    pg = data["postgresql"]
    sizes = sorted(pg, key=lambda k: pg[k]["search"]["documents"])
    big, small = pg[sizes[-1]], pg[sizes[0]]
    size = sizes[-1]
    lines = []
    es = big["search"]
    ratio = es.get("ratio_api_to_bare_p50")
    lines.append(
        f"- Search API p50 ≤ 1.5 × bare Elasticsearch ({size}): {fmt(es['elasticsearch']['p50_ms'])}"
        f" ms vs {fmt(es['bare']['p50_ms'])} ms bare, ratio {fmt(ratio, 2)} — "
        + verdict(ratio <= 1.5)
    )
    p95 = es["elasticsearch"]["p95_ms"]
    lines.append(
        f"- Search API p95 ≤ 50 ms with all facets ({size}): {fmt(p95)} ms — {verdict(p95 <= 50)}"
    )
    db95, db_ratio = es["database"]["p95_ms"], es["ratio_database_to_es_p95"]
    lines.append(
        f"- Database engine on PostgreSQL p95 ≤ 150 ms ({size}): {fmt(db95)} ms — "
        + verdict(db95 <= 150)
    )
    lines.append(
        f"- Database engine p95 ≤ 3 × Elasticsearch ({size}): ratio {fmt(db_ratio, 2)} — "
        + verdict(db_ratio <= 3)
    )
    for name, run in data.get("sqlite", {}).items():
        s95 = run["search"]["database"]["p95_ms"]
        lines.append(
            f"- SQLite embedded default p95 ≤ 100 ms ({name}): {fmt(s95)} ms — {verdict(s95 <= 100)}"
        )
    if "pages" in big:
        p = big["pages"]
        worst = min(PAGE_NAMES, key=lambda n: p[n]["ratio_to_minimal_view"])
        r = p[worst]["ratio_to_minimal_view"]
        lines.append(
            f"- Uncached page ≥ 1/8 of the minimal view's requests/s ({size}): worst {worst}"
            f" {fmt(p[worst]['rps'])} req/s vs {fmt(p['minimal_view']['rps'])}, ratio {fmt(r, 3)}"
            f" — {verdict(r >= 1 / 8)}"
        )
        cacheable = [n for n in PAGE_NAMES if n != "search_page"]  # search is never cached
        worst = min(cacheable, key=lambda n: p[f"{n}:cached"]["ratio_to_minimal_view"])
        r = p[f"{worst}:cached"]["ratio_to_minimal_view"]
        lines.append(
            f"- Cached anonymous page ≥ 1/2 of the minimal view ({size}; search results are"
            f" `never_cache`): worst {worst}"
            f" {fmt(p[worst + ':cached']['rps'])} req/s, ratio {fmt(r, 3)} — {verdict(r >= 0.5)}"
        )
    worst_q = max(v["queries"] for k, v in big["queries"].items() if k != "documents")
    same = all(
        big["queries"][k]["queries"] == small["queries"][k]["queries"]
        for k in big["queries"]
        if k != "documents"
    )
    lines.append(
        f"- ≤ 15 SQL queries on any page: worst {worst_q} at {size} — {verdict(worst_q <= 15)}"
    )
    lines.append(
        f"- Same number of queries at {sizes[0]} and {size}: "
        + ("identical on every page" if same else "differs, see table")
        + f" — {verdict(same)}"
    )
    ix = big["indexing"]
    rate = ix["rebuild_docs_per_s"]
    lines.append(
        f"- Full reindex ≥ 2,000 documents/s ({size}): {fmt(rate, 0)} docs/s — "
        + verdict(rate >= 2000)
    )
    if "ratio_rebuild_to_raw_bulk" in ix:
        r = ix["ratio_rebuild_to_raw_bulk"]
        lines.append(
            f"- Full reindex ≥ 1/2 of raw bulk ({size}): {fmt(rate, 0)} vs"
            f" {fmt(ix['raw_bulk_docs_per_s'], 0)} docs/s, ratio {fmt(r, 2)} — {verdict(r >= 0.5)}"
        )
    if "pages" in big:
        rss = big["pages"]["worker_peak_rss_mb"]
        lines.append(
            f"- Web worker ≤ 200 MB RSS ({size}): peak {fmt(rss)} MB — {verdict(rss <= 200)}"
        )
    mem = big["elasticsearch_memory"]
    lines.append(
        f"- Elasticsearch fits {mem['index_docs']} documents in a 1 GB heap: heap max"
        f" {fmt(mem['heap_max_mb'])} MB (used {fmt(mem['heap_used_mb'])} MB, index"
        f" {fmt(mem['index_store_mb'])} MB on disk) — {verdict(mem['heap_max_mb'] <= 1024)}"
    )
    return lines


def tables(data: dict) -> list[str]:
    out = []
    pg = data["postgresql"]
    sizes = sorted(pg, key=lambda k: pg[k]["search"]["documents"])
    out += ["## Search — `/api/search/`, 30 queries (p50 / p95 ms)", ""]
    out += [
        "| corpus | documents | Elasticsearch API | bare ES query | ES `took` | database engine (PostgreSQL) | API / bare (p50) | database / ES (p95) |"
    ]
    out += ["| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name in sizes:
        s = pg[name]["search"]
        out.append(
            f"| {name} | {s['documents']} | {fmt(s['elasticsearch']['p50_ms'])} / "
            f"{fmt(s['elasticsearch']['p95_ms'])} | {fmt(s['bare']['p50_ms'])} / "
            f"{fmt(s['bare']['p95_ms'])} | {fmt(s['es_took']['p50_ms'])} / "
            f"{fmt(s['es_took']['p95_ms'])} | {fmt(s['database']['p50_ms'])} / "
            f"{fmt(s['database']['p95_ms'])} | {fmt(s['ratio_api_to_bare_p50'], 2)} | "
            f"{fmt(s['ratio_database_to_es_p95'], 2)} |"
        )
    for name, run in data.get("sqlite", {}).items():
        s = run["search"]
        out.append(
            f"| {name} SQLite | {s['documents']} | – | – | – | {fmt(s['database']['p50_ms'])} /"
            f" {fmt(s['database']['p95_ms'])} (SQLite FTS5) | – | – |"
        )
    out.append("")
    out += ["## Indexing", ""]
    out += [
        "| corpus | documents | bench_load (s) | full `search_rebuild` (s) | docs/s | build documents (s) | database engine, after the build (s) | Elasticsearch, during the build (s) | raw `helpers.bulk` docs/s | rebuild / raw bulk | raw bulk time / Elasticsearch time |"
    ]
    out += ["| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    runs = [(n, pg[n]) for n in sizes] + [
        (f"{n} SQLite", r) for n, r in data.get("sqlite", {}).items()
    ]
    for name, run in runs:
        ix = run["indexing"]
        out.append(
            f"| {name} | {ix['documents']} | {fmt(run['bench_load_s'])} | {fmt(ix['rebuild_s'])} |"
            f" {fmt(ix['rebuild_docs_per_s'], 0)} | {fmt(ix['build_documents_s'])} |"
            f" {fmt(ix['rebuild_database_s'])} | {fmt(ix.get('rebuild_elasticsearch_s', ix.get('rebuild_elasticsearch_only_s')))} |"
            f" {fmt(ix.get('raw_bulk_docs_per_s'), 0)} | {fmt(ix.get('ratio_rebuild_to_raw_bulk'), 2)} |"
            f" {fmt(ix.get('ratio_elasticsearch_rebuild_to_raw_bulk'), 2)} |"
        )
    out.append("")
    out += ["## SQL queries per page (uncached)", ""]
    keys = [k for k in pg[sizes[0]]["queries"] if k != "documents"]
    out += ["| page | " + " | ".join(sizes) + " |", "| --- |" + " --- |" * len(sizes)]
    for key in keys:
        out.append(
            f"| {key} | " + " | ".join(str(pg[n]["queries"][key]["queries"]) for n in sizes) + " |"
        )
    out.append("")
    for name in sizes:
        if "pages" not in pg[name]:
            continue
        p = pg[name]["pages"]
        out += [
            f"## Pages under load — {name} ({p['settings']['server']}; {p['settings']['load']})",
            "",
        ]
        out += [
            "| page | uncached req/s | p95 ms | ratio to minimal view | cached req/s | p95 ms | ratio |"
        ]
        out += ["| --- | --- | --- | --- | --- | --- | --- |"]
        for page in ["minimal_view", "static_file", *PAGE_NAMES]:
            c = p.get(f"{page}:cached")
            out.append(
                f"| {page} | {fmt(p[page]['rps'])} | {fmt(p[page]['p95_ms'])} |"
                f" {fmt(p[page]['ratio_to_minimal_view'], 3)} | "
                + (
                    f"{fmt(c['rps'])} | {fmt(c['p95_ms'])} | {fmt(c['ratio_to_minimal_view'], 3)} |"
                    if c
                    else "– | – | – |"
                )
            )
        out += ["", f"Peak RSS of a web worker: {fmt(p['worker_peak_rss_mb'])} MB.", ""]
    mem = pg[sizes[-1]]["elasticsearch_memory"]
    out += [
        "## Elasticsearch memory",
        "",
        f"Heap max {fmt(mem['heap_max_mb'])} MB, used {fmt(mem['heap_used_mb'])} MB after the"
        f" run ({mem['note']}); the benchmark index holds {mem['index_docs']} documents,"
        f" {fmt(mem['index_store_mb'])} MB on disk.",
        "",
    ]
    return out


def main() -> None:
    names = sys.argv[1:] or ["full", "quick"]
    path = next((RESULTS / f"{n}.json" for n in names if (RESULTS / f"{n}.json").exists()), None)
    if path is None:
        raise SystemExit("no results yet: run `make bench` or `make bench-quick`")
    data = json.loads(path.read_text())
    m, v = data["machine"], data["versions"]
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `bench/report.py` from `bench/results/{path.name}` — run `{data['name']}`"
        f" of {data['date']}, {fmt(data['duration_s'] / 60)} min.",
        "",
        *([data["note"], ""] if data.get("note") else []),
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['platform']}; load"
        f" average at start {', '.join(f'{x:.2f}' for x in m['load_average_at_start'])} (shared"
        " with other jobs: absolute figures move, ratios hold).",
        "",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "",
        "## Targets",
        "",
        *targets(data),
        "",
        *tables(data),
        FINDINGS,
        LOADER_NOTE,
    ]
    (BENCH / "RESULTS.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
