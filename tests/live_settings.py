"""Settings of the servers that tests start (tests/live_site.py): the test settings, with the
database cache of production, which every worker process shares."""

from config.settings.test import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tznr_cache",
    }
}
