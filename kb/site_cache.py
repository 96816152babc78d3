"""Copies of what every page looks up: the site, its root paths, the menus, the sections.

Without them each request reads the site, its root page twice and the menus (bench/RESULTS.md,
« Pages »: queries per page). They live in Django's cache alias `local` (one copy per worker
in production, none in the tests), for a minute, under a version that any publication, move,
deletion, view restriction or site change moves (`forget_all`, connected by kb.signals): the
worker where it happens sees it at once, others within the minute, as with the anonymous page
cache. Nothing here depends on the user.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.cache import caches

CACHE = "local"
SECONDS = 60
VERSION_KEY = "site-cache:version"


def _version() -> int:
    return caches[CACHE].get_or_set(VERSION_KEY, 1, timeout=None)


def remember(key: str, compute: Callable[[], Any]) -> Any:
    version = remember_for_request(VERSION_KEY, _version)  # read once per request
    return caches[CACHE].get_or_set(f"site-cache:{key}", compute, SECONDS, version=version)


def forget_all(**kwargs) -> None:
    cache = caches[CACHE]
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or a cache that keeps nothing)
        cache.set(VERSION_KEY, 1, timeout=None)


_request_memo: ContextVar[dict | None] = ContextVar("tznr_request_memo", default=None)


@contextmanager
def open_request_memo():
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def remember_for_request(key: str, compute: Callable[[], Any]) -> Any:
    """Read once per request (SiteMiddleware opens the memo), never kept after it: for what
    must never be stale, such as which sections are members-only."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
