"""Production settings plus the `bench` app (`bench_load`) and the floor view of the benchmark."""

from config.settings.base import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
if ELASTICSEARCH_URL:  # noqa: F405
    # Wagtail's own admin index (not the site search measured here) is not kept up to date
    # page by page while the benchmark loads the demo: it only slows the set-up.
    WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # noqa: F405
