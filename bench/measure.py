"""In-process measurements, one stage per call; prints one JSON object. Run by bench/run.py.

python bench/measure.py indexing | search | queries | session | observatory
"""

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

from bench import cpu
from bench.pages import MEMBERS_ONLY, PAGES

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

# Thirty typical queries: words, phrases, 0–3 facet filters, a misspelling, a browse.
QUERIES = [
    {"q": "droits"},
    {"q": "aller vers personnes âgées"},
    {"q": "caravane des droits"},
    {"q": "bilan de droits", "kind": "fiche"},
    {"q": "échange de données", "axis": "echange-de-donnees"},
    {"q": "RGPD"},
    {"q": "illectronisme", "year": "2024"},
    {"q": "ateliers numériques", "public": "personnes-agees"},
    {"q": "complémentaire santé solidaire"},
    {"q": "prime d'activité", "kind": "fiche", "status": "en_cours"},
    {"q": "bus", "region": "Bretagne"},
    {"q": "maraude errance"},
    {"q": "formation des agents d'accueil", "axis": "pratiques-professionnelles"},
    {"q": "webinaire", "sort": "date"},
    {"q": "CAF", "kind": ["fiche", "ressource"], "region": "Occitanie"},
    {"q": "porte-à-porte", "territory": ["grenoble", "lille"]},
    {"q": "jeunes mission locale", "public": "jeunes", "year": ["2025", "2026"]},
    {"q": "non-recours", "kind": "fiche", "axis": "connaissance-du-non-recours", "year": "2023"},
    {"q": "simulateur", "tag": "numérique"},
    {"q": "convention", "kind": "ressource"},
    {"q": "caravanne"},
    {"q": "mensuelle", "event_kind": "mensuelle"},
    {"q": "personnes âgées arnaques"},
    {"q": "chèque énergie", "tag": "énergie", "status": "terminee"},
    {"q": "permanence mobile communes rurales"},
    {"q": "", "axis": "aller-vers"},
    {"q": "", "kind": "fiche", "region": "Bretagne", "year": "2024"},
    {"q": "", "event_kind": "webinaire", "sort": "date"},
    {"q": "guide", "kind": "ressource", "axis": "communication"},
    {"q": "participation des personnes", "page": "2"},
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(values: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, 0.95), 2),
        "n": len(values),
    }


def count_documents() -> int:
    from search.models import SearchEntry

    return SearchEntry.objects.count()


def cpu_snapshot() -> dict[str, dict[str, float]]:
    """CPU so far of this process (all threads) and of the servers it talks to."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "python": {"self": usage.ru_utime + usage.ru_stime},
        **cpu.servers(settings.ELASTICSEARCH_URL, postgresql=connection.vendor == "postgresql"),
    }


def cpu_floor(before: dict, after: dict, documents: int) -> dict:
    """The CPU the work took, and the rate no schedule can beat on this machine's cores."""
    spent = {name: round(cpu.spent(before[name], after[name]), 1) for name in before}
    total = sum(spent.values())
    cores = cpu.cores()
    return {
        "cpu_s": spent,
        "cpu_total_s": round(total, 1),
        "cores": cores,
        "cpu_bound_docs_per_s": documents / (total / cores) if total else None,
    }


def stage_indexing() -> dict:
    """`manage.py search_rebuild` timed whole and per engine, then raw helpers.bulk of the
    same documents, pre-serialised, into a scratch index with the same mapping.

    The CPU used by each side (this process, PostgreSQL, Elasticsearch) gives the floor of
    the rebuild on this machine: its CPU seconds divided by the cores.
    """
    from django.core.management import call_command
    from elasticsearch import helpers

    from search.engines import elasticsearch as es_engine
    from search.engines.database import DatabaseEngine

    timings: dict[str, float] = {}
    captured: dict[str, list] = {}

    def timed(name, method):
        def wrapper(self, documents):
            started = time.perf_counter()
            if isinstance(documents, list):  # the database engine's: every document, built
                captured["documents"] = documents
            try:
                return method(self, documents)
            finally:
                timings[name] = time.perf_counter() - started

        return wrapper

    # Timers around the engines' own rebuild methods; the code that runs is unchanged.
    DatabaseEngine.rebuild = timed("database", DatabaseEngine.rebuild)
    es_engine.ElasticsearchEngine.rebuild = timed(
        "elasticsearch", es_engine.ElasticsearchEngine.rebuild
    )
    cpu_before = cpu_snapshot()
    started = time.perf_counter()
    call_command("search_rebuild", verbosity=0)
    total = time.perf_counter() - started
    cpu_after = cpu_snapshot()
    documents = captured["documents"]
    # Elasticsearch receives the documents while they are built, the database engine after:
    # its start is when building ended.
    result = {
        "documents": len(documents),
        "rebuild_s": total,
        "rebuild_docs_per_s": len(documents) / total,
        "rebuild_database_s": timings.get("database"),
        "rebuild_elasticsearch_s": timings.get("elasticsearch"),
        "build_documents_s": total - timings.get("database", 0),
        "rebuild_cpu": cpu_floor(cpu_before, cpu_after, len(documents)),
    }
    if settings.ELASTICSEARCH_URL:
        client = es_engine.client().options(request_timeout=120)
        name = f"{es_engine.alias_name()}-rawbulk"
        index = es_engine.new_index(name)
        index.settings(refresh_interval="-1")  # as the rebuild fills its new index
        index.create(using=client)
        actions = [
            {"_index": name, "_id": d.key, "_source": es_engine.to_source(d)} for d in documents
        ]
        # The engine production searches, alone: what `search_rebuild --engine elasticsearch`
        # gives an operator who needs search back fast.
        cpu_before = cpu_snapshot()
        started = time.perf_counter()
        call_command("search_rebuild", engine="elasticsearch", verbosity=0)
        elapsed = time.perf_counter() - started
        result["rebuild_elasticsearch_engine_s"] = elapsed
        result["rebuild_elasticsearch_engine_docs_per_s"] = len(documents) / elapsed
        result["rebuild_elasticsearch_engine_cpu"] = cpu_floor(
            cpu_before, cpu_snapshot(), len(documents)
        )
        cpu_before = cpu_snapshot()
        started = time.perf_counter()
        helpers.bulk(client, actions, chunk_size=500)
        client.indices.refresh(index=name)
        result["raw_bulk_s"] = time.perf_counter() - started
        result["raw_bulk_cpu"] = cpu_floor(cpu_before, cpu_snapshot(), len(actions))
        result["raw_bulk_docs_per_s"] = len(actions) / result["raw_bulk_s"]
        client.indices.delete(index=name)
        result["ratio_rebuild_to_raw_bulk"] = (
            result["rebuild_docs_per_s"] / result["raw_bulk_docs_per_s"]
        )
        result["ratio_elasticsearch_rebuild_to_raw_bulk"] = (
            result["raw_bulk_s"] / result["rebuild_elasticsearch_s"]
        )
    return result


def stage_search(passes: int) -> dict:
    """/api/search/ on each engine, interleaved, beside the bare Elasticsearch query."""
    from elasticsearch.dsl import Search

    from search.engines import elasticsearch as es_engine

    client = Client(HTTP_HOST="localhost")
    modes = ["database"]
    if settings.ELASTICSEARCH_URL:
        modes = ["elasticsearch", "database", "bare"]
    bodies: dict[int, list[dict]] = {}  # the requests one API call sends, in order
    original_execute = Search.execute

    def capture(self, *args, **kwargs):
        capture.bodies.append(self.to_dict())
        return original_execute(self, *args, **kwargs)

    def api(mode: str, number: int, query: dict) -> float:
        if mode == "database":
            with override_settings(ELASTICSEARCH_URL=""):
                started = time.perf_counter()
                response = client.get("/api/search/", query)
                elapsed = time.perf_counter() - started
            assert response.json()["engine"] == "database", response.content[:200]
            return elapsed
        Search.execute = capture
        capture.bodies = []
        try:
            started = time.perf_counter()
            response = client.get("/api/search/", query)
            elapsed = time.perf_counter() - started
        finally:
            Search.execute = original_execute
        assert response.json()["engine"] == "elasticsearch", response.content[:200]
        bodies[number] = capture.bodies
        return elapsed

    es = es_engine.client() if settings.ELASTICSEARCH_URL else None
    timings = {mode: [] for mode in modes}
    took: list[float] = []
    totals = {}
    for number, query in enumerate(QUERIES):  # warm-up, and the bodies for the bare floor
        for mode in modes:
            if mode != "bare":
                api(mode, number, query)
        totals[number] = client.get("/api/search/", query).json()["total"]
    for _ in range(passes):
        for number, query in enumerate(QUERIES):
            for mode in modes:
                if mode == "bare":
                    started = time.perf_counter()
                    responses = [
                        es.search(index=es_engine.alias_name(), body=body)
                        for body in bodies[number]
                    ]
                    timings["bare"].append((time.perf_counter() - started) * 1000)
                    took.append(float(sum(response["took"] for response in responses)))
                else:
                    timings[mode].append(api(mode, number, query) * 1000)
    result = {mode: summary(values) for mode, values in timings.items()}
    if took:
        result["es_took"] = summary(took)
        api_p50, bare_p50 = result["elasticsearch"]["p50_ms"], result["bare"]["p50_ms"]
        result["ratio_api_to_bare_p50"] = api_p50 / bare_p50
        result["ratio_database_to_es_p95"] = (
            result["database"]["p95_ms"] / result["elasticsearch"]["p95_ms"]
        )
    result["queries"] = len(QUERIES)
    result["passes"] = passes
    result["totals"] = totals
    result["documents"] = count_documents()
    result["database_vendor"] = connection.vendor
    return result


def stage_queries() -> dict:
    """SQL queries per page type, anonymous and signed-in member, uncached."""
    from django.contrib.auth.models import Group, User

    member, _ = User.objects.get_or_create(username="bench-membre")
    member.groups.add(Group.objects.get(name="Membre"))
    result = {}
    for audience in ("anonymous", "member"):
        client = Client(HTTP_HOST="localhost")
        if audience == "member":
            client.force_login(member)
        for name, url in PAGES.items():
            if audience == "anonymous" and name in MEMBERS_ONLY:
                continue
            client.get(url)  # warm caches that any real process would have warm
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{audience} {url}: {response.status_code}, not 200")
            result[f"{audience}:{name}"] = {
                "status": response.status_code,
                "queries": len(queries),
                "bytes": len(response.content),
            }
    result["documents"] = count_documents()
    return result


def stage_session() -> dict:
    """A signed-in member's session cookie, for loading the members' pages with wrk."""
    from django.contrib.auth.models import Group, User

    member, _ = User.objects.get_or_create(username="bench-membre")
    member.groups.add(Group.objects.get(name="Membre"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    name = settings.SESSION_COOKIE_NAME
    return {"cookie": f"{name}={client.cookies[name].value}"}


# The observatory (issue 21): the review, a filtered review, and the pages its sections join.
OBSERVATORY_PAGES = {
    "observatory": "/observatoire/",
    "observatory_filtered": "/observatoire/?region=Bretagne&axis=aller-vers&year=2024",
    "observatory_csv": "/observatoire/etats.csv?cohort=2024",
    "territories": "/territoires/",
    "territory": "/territoires/grenoble/",
    "home": "/",
}


def _backend_pid() -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _request_cpu(backend: int | None) -> float:
    """CPU seconds so far of this process and of its PostgreSQL backend."""
    spent = time.process_time()
    if backend is not None:
        spent += cpu.processes([backend]).get(f"{backend}", 0.0)
    return spent


def stage_observatory(passes: int) -> dict:
    """Each observatory page in-process, anonymous, without the page cache: uncached (the
    figures' version moved before each request, as after a publication) and cached; and the
    CPU an uncached request costs (this process and its PostgreSQL backend, the queries run
    without parallel workers so that the backend does all their work: on a shared machine
    the CPU is the steadier figure)."""
    from kb.figures import Scope
    from observatory.cache import forget
    from observatory.selectors import fiche_list_counted

    backend = _backend_pid()
    if backend is not None:
        with connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 0")
    client = Client(HTTP_HOST="localhost")
    result = {"fiches_counted": fiche_list_counted(Scope()).count()}
    for name, url in OBSERVATORY_PAGES.items():
        client.get(url)  # warm what any real process has warm (templates, site root)
        timings = {"uncached": [], "cached": [], "cpu_uncached": []}
        queries = 0
        for _ in range(passes):
            for mode in ("uncached", "cached"):
                if mode == "uncached":
                    forget()
                spent = _request_cpu(backend)
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings[mode].append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}, not 200")
                if mode == "uncached":
                    timings["cpu_uncached"].append((_request_cpu(backend) - spent) * 1000)
                    queries = len(captured)
        result[name] = {mode: summary(values) for mode, values in timings.items()}
        result[name]["queries_uncached"] = queries
    return result


def main() -> None:
    stage = sys.argv[1]
    if stage == "indexing":
        result = stage_indexing()
    elif stage == "search":
        result = stage_search(int(os.environ.get("BENCH_PASSES", "5")))
    elif stage == "queries":
        with override_settings(MIDDLEWARE=_uncached_middleware()):
            result = stage_queries()
    elif stage == "session":
        result = stage_session()
    elif stage == "observatory":
        with override_settings(MIDDLEWARE=_uncached_middleware()):
            result = stage_observatory(int(os.environ.get("BENCH_PASSES", "5")) * 4)
    else:
        raise SystemExit(f"unknown stage {stage}")
    print(json.dumps(result, default=str))


def _uncached_middleware() -> list[str]:
    return [m for m in settings.MIDDLEWARE if not m.startswith("infra.page_cache.")]


if __name__ == "__main__":
    main()
