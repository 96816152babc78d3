"""Time /api/search/ on the demo content: ten typical queries with facets, on the configured engine.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/search_demo.py   (set ELASTICSEARCH_URL / DATABASE_URL
to measure the other engines). Prints p50 and p95 in milliseconds; never part of the tests.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django

django.setup()

from django.test import Client  # noqa: E402

QUERIES = [
    {"q": "aller vers personnes âgées"},
    {"q": "echange de donnees", "region": "Bretagne"},
    {"q": "bus des droits", "kind": "fiche"},
    {"q": "RGPD", "axis": "echange-de-donnees"},
    {"q": "caravane", "territory": ["grenoble", "guadeloupe"]},
    {"q": "illectronisme", "year": "2024"},
    {"q": "", "axis": "echange-de-donnees", "region": "Bretagne"},
    {"q": "formation", "kind": "fiche", "status": "en_cours"},
    {"q": "webinaire", "sort": "date"},
    {"q": "écrivains publics", "public": "personnes-agees"},
]
PASSES = 20


def main() -> None:
    client = Client(HTTP_HOST="localhost")
    timings, engine = [], ""
    for query in QUERIES:
        client.get("/api/search/", query)  # warm-up
    for _ in range(PASSES):
        for query in QUERIES:
            start = time.perf_counter()
            response = client.get("/api/search/", query)
            timings.append((time.perf_counter() - start) * 1000)
            engine = response.json()["engine"]
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"engine={engine} database={django.db.connection.vendor} requests={len(timings)} "
        f"p50={statistics.median(timings):.1f}ms p95={p95:.1f}ms"
    )


if __name__ == "__main__":
    main()
