"""Production settings plus the `bench` app (its `bench_load` command); nothing else changes."""

from config.settings.base import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
