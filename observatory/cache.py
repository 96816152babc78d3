"""The observatory's figures, kept in Django's default cache (shared by every worker) under
a version that publishing moves (observatory.signals): a published change shows at once,
and a figure is computed once per version and filter set."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches

from kb.site_cache import remember_for_request

VERSION_KEY = "observatory:version"
# Part of every key: raise it when what is kept changes shape (a deployment then never reads
# the previous code's objects).
FORMAT = 2


def _cache():
    return caches[settings.OBSERVATORY_CACHE]


def _fresh() -> int:
    """A version no earlier one repeats: the database cache culls its first keys when full,
    this one among them; starting again from 1 would read figures kept before a change."""
    return time.time_ns()


def version() -> int:
    """The figures' version, read once per request."""
    return remember_for_request(
        VERSION_KEY, lambda: _cache().get_or_set(VERSION_KEY, _fresh, timeout=None)
    )


def remember(key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept until the next change (or `OBSERVATORY_CACHE_SECONDS`), and read
    once per request (a page and its map share the counts)."""
    return remember_for_request(
        f"observatory:{key}",
        lambda: _cache().get_or_set(
            f"observatory:{FORMAT}:{key}",
            compute,
            settings.OBSERVATORY_CACHE_SECONDS,
            version=version(),
        ),
    )


def forget(**kwargs) -> None:
    """Move the version: every kept figure is computed anew on its next read."""
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet, or culled
        cache.set(VERSION_KEY, _fresh(), timeout=None)
