"""A restriction reaches every worker of a real multi-worker server at once.

gunicorn runs the site with 2 sync workers, the production settings and the anonymous page
cache on, against a database file (SQLite, a copy of the test database) or the PostgreSQL
test database. A fiche is requested anonymously until both workers hold it in their page
cache; this test process then restricts it through Wagtail's models, committed on that
database, and every one of 20 anonymous requests that follow is refused.
"""

import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection, connections
from wagtail.models import PageViewRestriction

from config.settings import base
from kb.models import FichePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_database(tmp_path) -> dict:
    """The settings of the database the server reads: on SQLite, a file copy of the test
    database (in memory, out of another process's reach); on PostgreSQL, the test database."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        path = tmp_path / "serveur.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        settings_dict["NAME"] = str(path)
    return settings_dict


def database_url(settings_dict: dict) -> str:
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user, password = quote(settings_dict["USER"]), quote(settings_dict["PASSWORD"] or "")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{settings_dict['NAME']}"


@contextmanager
def writing_to(settings_dict: dict):
    """This thread's ORM on the server's database, in autocommit (every write is committed
    and seen by the workers), with the production cache that holds the shared page version."""
    test_connection = connections["default"]
    server_connection = test_connection.__class__(settings_dict, "default")
    connections["default"] = server_connection
    try:
        yield
    finally:
        server_connection.close()
        connections["default"] = test_connection


@pytest.fixture
def server(tmp_path, settings):
    settings.CACHES = {**settings.CACHES, "default": base.CACHES["default"]}  # the table
    database = server_database(tmp_path)
    with writing_to(database):
        call_command("createcachetable", verbosity=0)
    port = free_port()
    access_log = tmp_path / "access.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TZNR_"))}
    env.pop("ELASTICSEARCH_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.server_settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="test-only-page-cache-server",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_LOG_LEVEL="WARNING",
        TZNR_PAGE_CACHE_SECONDS="60",
        TZNR_VAR_DIR=str(tmp_path),
        DATABASE_URL=database_url(database),
    )
    process = subprocess.Popen(  # noqa: S603 — our own gunicorn, loopback only
        [
            str(GUNICORN), "config.wsgi", "--workers", "2", "--worker-class", "sync",
            "--bind", f"127.0.0.1:{port}", "--timeout", "30",
            "--access-logfile", str(access_log), "--access-logformat", "%(p)s %(s)s %(U)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if get(port, "/healthz/")[0] in (200, 301, 302, 404):
                    break
            except OSError:
                pass
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        yield {"port": port, "log": access_log, "database": database}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def get(port: int, path: str) -> tuple[int, bytes]:
    """One anonymous request (no cookie), redirects not followed."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        client.request("GET", path)
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


def get_many(port: int, path: str, count: int) -> list[tuple[int, bytes]]:
    """Concurrent requests, so that both workers answer."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda _: get(port, path), range(count)))


def workers_that_served(log: Path, path: str) -> set[str]:
    lines = [line.split() for line in log.read_text().splitlines()]
    return {pid for pid, _status, url in lines if url == path}


def test_a_restricted_page_is_refused_at_once_by_every_worker(server):
    port, log = server["port"], server["log"]
    fiche = FichePage.objects.live().public().first()
    with writing_to(server["database"]):
        fiche = FichePage.objects.get(pk=fiche.pk)
        url = fiche.url
        for _round in range(10):  # until both workers have served it (and cached it)
            answers = get_many(port, url, 12)
            assert {status for status, _ in answers} == {200}
            if len(workers_that_served(log, url)) == 2:
                break
        assert len(workers_that_served(log, url)) == 2, "both workers hold the page"
        restriction = PageViewRestriction.objects.create(
            page=fiche, restriction_type=PageViewRestriction.LOGIN
        )
        try:
            log.write_text("")
            answers = get_many(port, url, 20)
            for _round in range(10):  # more, should one worker have taken all 20
                if len(workers_that_served(log, url)) == 2:
                    break
                answers += get_many(port, url, 8)
            assert len(workers_that_served(log, url)) == 2, "both workers answered"
            assert [status for status, _ in answers] == [302] * len(answers)
            assert not any(fiche.title.encode() in body for _, body in answers)
        finally:
            restriction.delete()  # committed on a shared database: leave it as it was
