"""Real processes for the fault tests: a copy of the test database, gunicorn serving it, a
plain HTTP client. Loopback only; every piece cleans up after itself.

The copy is taken from the session's test database (the demo, committed by
tests/conftest.py) by a module-scoped fixture, before any test transaction is open: SQLite's
backup API into a file, or PostgreSQL's `CREATE DATABASE … TEMPLATE`. Test data is then
written into the copy by `site_call`, which runs a function of the test suite in a Python
process of its own on the copy's settings, so the session's database is never touched.
"""

import http.client
import json
import os
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
from django.conf import settings
from django.db import connections

ROOT = Path(settings.BASE_DIR)
SETTINGS = "tests.server_settings"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_url(settings_dict: dict, name: str) -> str:
    user, password = settings_dict["USER"], settings_dict["PASSWORD"]
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{name}"


@contextmanager
def database_copy(folder: Path) -> Iterator[str]:
    """A copy of the test database as it is committed now; yields its DATABASE_URL."""
    connection = connections["default"]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = folder / "copie.sqlite3"
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
        yield f"sqlite:///{target}"
        return
    source = connection.settings_dict["NAME"]
    name = f"{source}_copie"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    try:
        yield _postgres_url(connection.settings_dict, name)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def site_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def site_call(database_url: str, function: str, *args, **env: str):
    """Run `module:function(*args)` with Django set up on `database_url`; its JSON result."""
    module, name = function.split(":")
    code = (
        "import django, json, sys; django.setup(); "
        f"from {module} import {name}; "
        f"print(json.dumps({name}(*json.loads(sys.argv[1]))))"
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, the suite's own code)
        [sys.executable, "-c", code, json.dumps(args)],
        cwd=ROOT,
        env=site_env(database_url, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def create_cache_table() -> None:
    """In a copy (through `site_call`): the table of the database cache the servers use."""
    from django.core.management import call_command

    call_command("createcachetable")


def query(database_url: str, sql: str) -> list[tuple]:
    """Rows of `sql` read straight from the database behind `database_url`."""
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            return db.execute(sql).fetchall()
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(sql).fetchall()


class Gunicorn:
    """The site served by gunicorn on a free loopback port, on the given database."""

    def __init__(self, database_url: str, *, workers: int = 2, threads: int = 1, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = site_env(database_url, **env)
        self.workers, self.threads = workers, threads
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 (this interpreter's gunicorn)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "60",
                "--graceful-timeout",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.output()[-3000:])
            try:
                status, _, _ = http_request("GET", self.url + "/connexion/", timeout=5)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 90 s")

    def __exit__(self, *exc) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)
        except ProcessLookupError:
            pass
        self.log.close()
        self.process = None

    def output(self) -> str:
        """What the server printed so far (tracebacks of its errors)."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


def http_request(
    method: str,
    url: str,
    *,
    data: dict | None = None,
    cookies: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:
    """One request, no redirect followed: (status, headers, body)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {}
    body = None
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if data is not None:
        body = urlencode(data, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


CSRF_SECRET = "tznr" * 8  # the 32-character secret Django keeps in the csrftoken cookie


def post_form(url: str, data: dict, *, cookies: dict[str, str], timeout: float = 30):
    """A form POST that passes Django's CSRF check (cookie and field hold the same secret)."""
    return http_request(
        "POST",
        url,
        data={**data, "csrfmiddlewaretoken": CSRF_SECRET},
        cookies={**cookies, "csrftoken": CSRF_SECRET},
        timeout=timeout,
    )


def simultaneously(calls: list[Callable[[], object]], *, timeout: float = 60) -> list:
    """Run every call at the same instant, one thread each; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # reported as a result: the test says which call failed
            results[index] = error

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


def postgres_bin() -> Path:
    """Debian's PostgreSQL programs (initdb, pg_ctl), the newest installed version."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if not candidates:
        raise FileNotFoundError("no PostgreSQL server binaries under /usr/lib/postgresql")
    return candidates[-1].parent


class PrivatePostgres:
    """A PostgreSQL instance of our own (temporary data folder, free loopback port), never the
    shared server: tests may stop and restart it at will. Run as the `postgres` system user
    when we are root (PostgreSQL refuses to run as root)."""

    def __init__(self):
        self.bin = postgres_bin()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="tznr-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/tznr"

    def _run(self, program: str, *args: str, timeout: float = 120) -> None:
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603

    def pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, *args
        )

    def __enter__(self) -> "PrivatePostgres":
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.pg_ctl("-w", "-t", "60", "start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tznr")
        return self

    def load(self, source_url: str) -> None:
        """Copy a database of the shared server into ours (pg_dump | pg_restore)."""
        dump = subprocess.run(  # noqa: S603
            [str(self.bin / "pg_dump"), "-Fc", "--no-owner", "--no-privileges", _libpq(source_url)],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
        subprocess.run(  # noqa: S603
            [str(self.bin / "pg_restore"), "--no-owner", "--no-privileges", "-d", _libpq(self.url)],
            input=dump,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def restart(self) -> None:
        """A fast restart: open connections are closed, the server comes back."""
        self.pg_ctl("-w", "-t", "60", "-m", "fast", "restart")

    def __exit__(self, *exc) -> None:
        try:
            self.pg_ctl("-w", "-t", "30", "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # not running
        shutil.rmtree(self.folder, ignore_errors=True)


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def test_database_url() -> str:
    """The session's test database (PostgreSQL), as a URL for tools and other processes."""
    connection = connections["default"]
    return _postgres_url(connection.settings_dict, connection.settings_dict["NAME"])


class FreezableProxy:
    """A TCP proxy on a free loopback port in front of `upstream` (host, port).

    `freeze()` makes it behave like a server that hangs: it still accepts connections but
    neither forwards nor answers anything, on new and open connections alike, until
    `thaw()`. The upstream server itself is never touched."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.frozen = threading.Event()
        self.closed = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.2)

    def __enter__(self) -> "FreezableProxy":
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.closed.set()
        self.listener.close()

    def freeze(self) -> None:
        self.frozen.set()

    def thaw(self) -> None:
        self.frozen.clear()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = None
        try:
            while self.frozen.is_set() and not self.closed.is_set():
                time.sleep(0.05)  # accepted, then silence
            upstream = socket.create_connection(self.upstream, timeout=10)
            sockets = [client, upstream]
            while not self.closed.is_set():
                if self.frozen.is_set():
                    time.sleep(0.05)  # data waits in the kernel buffers, unanswered
                    continue
                readable, _, _ = select.select(sockets, [], [], 0.1)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is client else client).sendall(data)
        except OSError:
            return
        finally:
            client.close()
            if upstream is not None:
                upstream.close()
