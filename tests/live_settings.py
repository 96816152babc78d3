"""Settings of the servers that tests start (tests/live_site.py): the test settings, with the
database cache of production, which every worker process shares, and production's SQLite
options (the in-memory test database drops IMMEDIATE transactions: config/settings/test.py)."""

from config.settings.test import *  # noqa: F403

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS  # noqa: F405

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tznr_cache",
    }
}
