"""Copies of what every page looks up: the site, its root paths, the menus, the sections; and
the shared page version that the anonymous page cache checks on every hit.

Without the copies each request reads the site, its root page twice and the menus
(bench/RESULTS.md, « Pages »: queries per page). They live in Django's cache alias `local`
(one copy per worker in production, none in the tests), for a minute, under a version that
any publication, move, deletion, view restriction or site change moves (`page_version_changed`,
connected by kb.signals): the worker where it happens sees it at once.

The same changes move the shared page version, in the default cache (the database table, or
Redis: shared by every worker and server), once committed. Every request reads it (the
anonymous page cache for the requests it may serve, infra.page_cache; kb.middleware for the
others), so that no worker serves a page cached before a restriction or an unpublish, and a
worker that reads a new version drops its copies before it uses them. Nothing here depends on
the user.
"""

import uuid
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache as shared_cache
from django.core.cache import caches
from django.db import transaction

CACHE = "local"
SECONDS = 60
VERSION_KEY = "site-cache:version"
PAGE_VERSION_KEY = "tznr:page-version"
SEEN_PAGE_VERSION_KEY = "site-cache:seen-page-version"


def _version() -> int:
    return caches[CACHE].get_or_set(VERSION_KEY, 1, timeout=None)


def remember(key: str, compute: Callable[[], Any]) -> Any:
    version = remember_for_request(VERSION_KEY, _version)  # read once per request
    return caches[CACHE].get_or_set(f"site-cache:{key}", compute, SECONDS, version=version)


def forget_all(**kwargs) -> None:
    """This worker's copies are read anew."""
    local = caches[CACHE]
    try:
        local.incr(VERSION_KEY)
    except ValueError:  # no version yet (or a cache that keeps nothing)
        local.set(VERSION_KEY, 1, timeout=None)


def page_version() -> str:
    """The shared version of the pages' content and access: one read of the default cache. A
    missing one (first start, cache cleared or culled) is created anew, so it never repeats an
    old one. This worker's copies are dropped when it moved."""
    version = shared_cache.get(PAGE_VERSION_KEY)
    if version is None:
        shared_cache.add(PAGE_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = shared_cache.get(PAGE_VERSION_KEY)
    local = caches[CACHE]
    if version != local.get(SEEN_PAGE_VERSION_KEY):
        forget_all()
        local.set(SEEN_PAGE_VERSION_KEY, version, timeout=None)
    return version


def page_version_changed(**kwargs) -> None:
    """A page or its access changed: this worker forgets its copies now, every worker sees a
    new page version once the change is committed (readable by other connections)."""
    forget_all()
    transaction.on_commit(_new_page_version)


def _new_page_version() -> None:
    shared_cache.set(PAGE_VERSION_KEY, uuid.uuid4().hex, timeout=None)


_request_memo: ContextVar[dict | None] = ContextVar("tznr_request_memo", default=None)


@contextmanager
def open_request_memo():
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def fragment_version(*, members: bool) -> str:
    """What keys a template fragment that is the same for every visitor of one audience
    (`{% cache 60 name fragment_version … using="local" %}`): this worker's version of its
    copies, which a publication moves here at once and in the other workers when they see
    the shared page version move (or their fragments expire, within a minute, as the other
    copies), and whether it holds members-only content."""
    return f"{remember_for_request(VERSION_KEY, _version)}:{'members' if members else 'public'}"


def remember_for_request(key: str, compute: Callable[[], Any]) -> Any:
    """Read once per request (SiteMiddleware opens the memo), never kept after it: for what
    must never be stale, such as which sections are members-only."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
