"""Settings of the servers that tests start (gunicorn: tests/live_site.py, the page cache
test): the test settings, with production's caches (the database table every worker process
shares, each worker's own copies and, when TZNR_PAGE_CACHE_SECONDS is set, its page cache)
and production's SQLite options (the in-memory test database drops IMMEDIATE transactions:
config/settings/test.py)."""

from config.settings import base
from config.settings.test import *  # noqa: F403

CACHES = base.CACHES
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS  # noqa: F405
