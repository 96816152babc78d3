"""A PostgreSQL restart under traffic: no 500, and the site is whole again at once.

A private PostgreSQL (its own data folder and port, a copy of the test database) serves
gunicorn (2 workers, persistent connections); four clients request pages without pause
while the instance restarts. Requests made while it is down get a French 503 with
`Retry-After`; every request made after it is back gets its page: the workers check their
persistent connections before reusing them (CONN_HEALTH_CHECKS). About 15 s, PostgreSQL
pass only (the shared server is never touched).
"""

import threading
import time

import pytest
from django.db import connection

from kb.models import FicheIndexPage, FichePage
from tests import live_site

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL pass only"),
    pytest.mark.usefixtures("demo"),
]


@pytest.fixture(scope="module")
def private_site(demo, django_db_blocker):
    with django_db_blocker.unblock():
        source = live_site.test_database_url()
    with live_site.PrivatePostgres() as postgres:
        postgres.load(source)
        live_site.site_call(postgres.url, "tests.live_site:create_cache_table")
        with live_site.Gunicorn(postgres.url, workers=2, DATABASE_CONN_MAX_AGE="600") as server:
            yield postgres, server


class Traffic:
    """Clients that request `paths` in a loop and note (start, end, status) of each request."""

    def __init__(self, base_url: str, paths: list[str], clients: int = 4):
        self.base_url, self.paths = base_url, paths
        self.results: list[tuple[float, float, int, dict, bytes]] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(clients)]

    def run(self, offset: int) -> None:
        number = offset
        while not self.stop.is_set():
            path = self.paths[number % len(self.paths)]
            number += 1
            started = time.monotonic()
            try:
                status, headers, body = live_site.http_request(
                    "GET", self.base_url + path, timeout=20
                )
            except OSError as error:
                status, headers, body = 0, {}, repr(error).encode()
            self.results.append((started, time.monotonic(), status, headers, body))

    def __enter__(self) -> "Traffic":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


def paths() -> list[str]:
    return [
        "/",
        FicheIndexPage.objects.get().url,
        FichePage.objects.live().public().first().url,
        "/evenements/",
    ]


def test_a_database_restart_under_traffic_gives_no_500(private_site):
    postgres, server = private_site
    with Traffic(server.url, paths()) as traffic:
        time.sleep(2)
        restart_began = time.monotonic()
        postgres.restart()
        back = time.monotonic()
        time.sleep(2)

    statuses = [status for _, _, status, _, _ in traffic.results]
    assert 0 not in statuses, [body for *_, status, _, body in traffic.results if not status]
    assert 500 not in statuses, server.output()[-3000:]
    before = {status for started, ended, status, _, _ in traffic.results if ended < restart_began}
    after = [status for started, _, status, _, _ in traffic.results if started > back]
    assert before == {200}
    assert len(after) > 10 and set(after) == {200}, server.output()[-3000:]
    for _, _, status, headers, body in traffic.results:
        if status != 200:  # while the database was down
            assert status == 503
            assert headers["Retry-After"] == "5"
            assert "momentanément indisponible" in body.decode()


def test_after_a_quiet_restart_the_first_requests_get_their_pages(private_site):
    """No request while the database restarts: each worker still holds its old connection,
    and must notice it is gone before using it."""
    postgres, server = private_site
    with Traffic(server.url, paths()) as traffic:
        time.sleep(2)
    assert {status for _, _, status, _, _ in traffic.results} == {200}
    postgres.restart()
    with Traffic(server.url, paths()) as traffic:
        time.sleep(2)
    statuses = [status for _, _, status, _, _ in traffic.results]
    assert len(statuses) > 10 and set(statuses) == {200}, server.output()[-3000:]
