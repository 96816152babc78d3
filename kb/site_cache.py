"""Per-process copies of what every page looks up: the site, its root paths, the menus; and
the shared page version that the anonymous page cache checks on every hit.

A worker reads each copy at most once a minute instead of once per request, and at once in
the worker where a page is published, unpublished, moved or deleted, a view restriction
changes or a site is edited (`kb.apps` connects the signals). The same changes move the
shared page version (default cache: the database table, shared by every worker and server)
once committed; a worker that reads a new version on an anonymous request drops its copies
too. Nothing here depends on the user.
"""

import copy
import time
import uuid
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

TTL = 60.0
_entries: dict[Hashable, tuple[float, Any]] = {}


def remember(key: Hashable, compute: Callable[[], Any]) -> Any:
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is None or now - entry[0] > TTL:
        entry = _entries[key] = (now, compute())
    return entry[1]


def forget_all(**kwargs) -> None:
    _entries.clear()


PAGE_VERSION_KEY = "tznr:page-version"
_seen_page_version: str | None = None


def page_version() -> str:
    """The shared version of the pages' content and access: one cache read. A missing one
    (first start, cache cleared or culled) is created anew, so it never repeats an old one.
    This process's copies are dropped when it moved."""
    global _seen_page_version
    version = cache.get(PAGE_VERSION_KEY)
    if version is None:
        cache.add(PAGE_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(PAGE_VERSION_KEY)
    if version != _seen_page_version:
        forget_all()
        _seen_page_version = version
    return version


def page_version_changed(**kwargs) -> None:
    """A page or its access changed: this process forgets its copies now, every process
    sees a new page version once the change is committed (readable by other connections)."""
    forget_all()
    transaction.on_commit(_new_page_version)


def _new_page_version() -> None:
    cache.set(PAGE_VERSION_KEY, uuid.uuid4().hex, timeout=None)


_request_memo: ContextVar[dict | None] = ContextVar("tznr_request_memo", default=None)


def remember_for_request(key: Hashable, compute: Callable[[], Any]) -> Any:
    """Read once per request (SiteMiddleware opens the memo), never kept after it."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _site_for_host(request: HttpRequest) -> tuple[Site, type] | None:
    site = Site._find_for_request(request)
    if site is None:
        return None
    root_class = site.root_page.specific_class
    # Page objects are never shared between requests: each request reads its own root page.
    site._state.fields_cache.pop("root_page", None)
    return site, root_class


class SiteMiddleware:
    """Hands Wagtail the request's site and site root paths from the per-process copies.

    On a Wagtail page, the root page is read once, already in its own type (Wagtail reads
    the site, the root page, then its specific form: three queries).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
        found = remember(("site", hostname, port), lambda: _site_for_host(request))
        request._wagtail_site, request._tznr_root_class = (
            (copy.copy(found[0]), found[1]) if found else (None, None)
        )
        request._wagtail_cached_site_root_paths = remember(
            "site_root_paths", Site.get_site_root_paths
        )
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        site = request._wagtail_site
        if view_func is serve and site is not None:
            site.root_page = request._tznr_root_class.objects.get(pk=site.root_page_id)
