"""Production settings plus the `bench` app (`bench_load`) and the floor view of the benchmark."""

from config.settings.base import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
