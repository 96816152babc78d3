"""Test settings: fast hasher, local-memory cache, immediate tasks (but where a test says)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
# TZNR_TEST_SUFFIX keeps parallel checkouts apart on the shared PostgreSQL and Elasticsearch.
TEST_SUFFIX = os.environ.get("TZNR_TEST_SUFFIX", "")
os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"tznr-test{TEST_SUFFIX}"
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("TZNR_PAGE_CACHE_SECONDS", "0")  # tests see each change at once

from .base import *  # noqa: E402,F403

if not DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_tznr{TEST_SUFFIX}"}  # noqa: F405
else:
    # Each test runs inside one transaction of the in-memory database: an IMMEDIATE one would
    # hold its write lock for the whole test, and SQLite's backup API (tests/kb/test_backups)
    # waits forever on it. The servers tests start get IMMEDIATE back (tests/server_settings).
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        name: value
        for name, value in SQLITE_OPTIONS.items()  # noqa: F405
        if name != "transaction_mode"
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # No per-worker copies: each test reads what its own transaction holds (a rolled-back
    # test sends no signal that would forget them). Tests of the copies switch them on.
    "local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TZNR_USAGE_FLUSH_SECONDS = 0  # usage counts written at once: each test reads its own

# Most tests run inside a transaction that is rolled back at their end: a worker process
# could never see the tasks they enqueue, so tasks run in the test's own thread. The tests of
# the queue itself (tests/follows/test_worker.py and the tests that use its `worker`
# fixture) run the database backend and a real `db_worker` process on a committed copy.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
