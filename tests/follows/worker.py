"""Real processes for the queue tests: a committed copy of the test database, `db_worker`
processes on it, a local SMTP server (aiosmtpd) whose messages are parsed back.

The copy is taken from the session's test database as committed (the migrations' data; the
demo too if a test loaded it first: the scenarios work either way) outside any test
transaction: SQLite's backup API into a file, or PostgreSQL's `CREATE DATABASE … TEMPLATE`.
Test data is written into the copy by `Site.call`, which runs a function of
tests/follows/scenarios.py in a Python process of its own on the copy.
"""

import asyncio
import email
import email.policy
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connections

ROOT = Path(settings.BASE_DIR)
SETTINGS = "tests.follows.worker_settings"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_copy(folder: Path):
    """A copy of the test database as committed now; yields its DATABASE_URL."""
    connection = connections["default"]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = folder / "copie.sqlite3"
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
        yield f"sqlite:///{target}"
        return
    source = connection.settings_dict["NAME"]
    name = f"{source}_worker"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    s = connection.settings_dict
    try:
        yield (
            f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:"
            f"{s['PORT'] or 5432}/{name}"
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    """The copy, and how to run code and workers on it."""

    def __init__(self, database_url: str, smtp_port: int):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "PYTHONPATH": str(ROOT),
            "DJANGO_LOG_LEVEL": "WARNING",
            "TZNR_TEST_SMTP_PORT": str(smtp_port),
            "TZNR_DIGEST_CHUNK": "4",
            "TZNR_TASK_LEASE_SECONDS": "2",
        }

    def call(self, name: str, *args):
        """tests.follows.scenarios.<name>(*args) on the copy; its JSON result."""
        code = (
            "import django, json, sys; django.setup(); "
            f"from tests.follows.scenarios import {name}; "
            f"print(json.dumps({name}(*json.loads(sys.argv[1]))))"
        )
        result = subprocess.run(  # noqa: S603 (this interpreter, the suite's own code)
            [sys.executable, "-c", code, json.dumps(args)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    def _worker_command(self, *extra: str) -> list[str]:
        return [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "*",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
            *extra,
        ]

    def run_worker_until_idle(self, timeout: float = 180) -> str:
        """`db_worker --batch`: every ready task, then exit. Its output."""
        result = subprocess.run(  # noqa: S603
            self._worker_command("--batch"),
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout + result.stderr

    @contextmanager
    def worker(self):
        """A worker running until the block ends (or the test kills it: `.pid`)."""
        process = subprocess.Popen(  # noqa: S603
            self._worker_command(),
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=20)


class Mailbox:
    """What a real SMTP server received, parsed by the standard library's email package."""

    def __init__(self):
        self.lock = threading.Lock()
        self.raw: list[bytes] = []
        self.delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        # A slow server: a client that dies meanwhile never gets « 250 » and the message is
        # dropped (aiosmtpd cancels this coroutine when the connection is lost).
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.raw.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self.lock:
            raw = list(self.raw)
        return [email.message_from_bytes(data, policy=email.policy.default) for data in raw]

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.raw) >= count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"{len(self.raw)} messages after {timeout} s, {count} expected")


@contextmanager
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
