"""Settings of the cluster's web servers and workers (tests/cluster): those of every server a
test starts (production's caches, tests/server_settings.py) with the real task queue."""

from tests.server_settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
