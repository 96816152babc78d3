"""A frozen Elasticsearch costs one timeout, not one per search.

gunicorn (2 workers) reaches the shared Elasticsearch through a TCP proxy that the test
freezes (it accepts connections and answers nothing, like a hung server) and thaws. After
the first search has waited for the timeout, the circuit breaker (in the database cache,
shared by both workers) sends every search to the database engine at once, saying so; once
the proxy forwards again, the probe closes the breaker and Elasticsearch answers again.
About 10 s, PostgreSQL + Elasticsearch pass only.
"""

import json
import os
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests import live_site

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

TIMEOUT = 5  # ELASTICSEARCH_TIMEOUT of the server under test
FAST = TIMEOUT / 2  # a search that did not wait for Elasticsearch answers well under it


@pytest.fixture(scope="module")
def frozen_site(demo, django_db_blocker, tmp_path_factory):
    if not settings.ELASTICSEARCH_URL:
        if os.environ.get("TZNR_REQUIRE_ELASTICSEARCH"):
            pytest.fail("ELASTICSEARCH_URL is required for this run")
        pytest.skip("Elasticsearch runs in the PostgreSQL + Elasticsearch pass (make test-full)")
    upstream = urlsplit(settings.ELASTICSEARCH_URL)
    with (
        django_db_blocker.unblock(),
        live_site.database_copy(tmp_path_factory.mktemp("db")) as url,
        live_site.FreezableProxy((upstream.hostname, upstream.port)) as proxy,
    ):
        live_site.site_call(url, "tests.live_site:create_cache_table")
        with live_site.Gunicorn(
            url,
            workers=2,
            ELASTICSEARCH_URL=proxy.url,
            ELASTICSEARCH_TIMEOUT=str(TIMEOUT),
            ELASTICSEARCH_BREAKER_SECONDS="120",  # only the probe closes it within the test
            ELASTICSEARCH_PROBE_SECONDS="0.5",
        ) as server:
            yield proxy, server


def timed_search(server, q: str = "caravane") -> tuple[float, dict]:
    started = time.monotonic()
    status, _, body = live_site.http_request(
        "GET", f"{server.url}/api/search/?q={q}", timeout=TIMEOUT * 5
    )
    assert status == 200, server.output()[-3000:]
    return time.monotonic() - started, json.loads(body)


def test_a_frozen_elasticsearch_is_skipped_after_one_timeout_then_used_again(frozen_site):
    proxy, server = frozen_site
    _, data = timed_search(server)
    assert data["engine"] == "elasticsearch" and data["total"] >= 2

    proxy.freeze()
    elapsed, data = timed_search(server)
    assert elapsed >= TIMEOUT * 0.9  # the first one waited for Elasticsearch
    assert data["engine"] == "database" and data["fallback"] and data["total"] >= 2

    # Both workers (sync: one request each at a time) answer the next ones without waiting.
    for _ in range(8):
        elapsed, data = timed_search(server)
        assert elapsed < FAST, elapsed
        assert data["engine"] == "database" and data["fallback"]
    page = live_site.http_request("GET", f"{server.url}/recherche/?q=caravane")
    assert page[0] == 200 and "moteur de secours" in page[2].decode()

    proxy.thaw()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        _, data = timed_search(server)
        if data["engine"] == "elasticsearch":
            break
        time.sleep(0.5)
    assert data["engine"] == "elasticsearch" and not data["fallback"]
