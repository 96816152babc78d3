"""Whole-page cache for anonymous visitors only (Django's cache middleware, narrowed).

A request carrying a session or messages cookie (a signed-in member, a visitor with a
pending message) is neither served from nor stored in the cache, so a member's page is
never cached. Views marked `never_cache` (search, API) and responses that set cookies or
vary on them stay out of the cache by Django's own rules.

Each worker keeps its pages in its own memory, under the shared page version
(`kb.site_cache.page_version`, read from the default cache on every anonymous request): a
restriction, an unpublish or a deletion committed anywhere moves that version, and from the
next request on no worker of any server answers from the pages cached before it.
"""

import copy

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from kb.site_cache import page_version

PERSONAL_COOKIES = ("messages",)


def is_anonymous_request(request) -> bool:
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def for_version(middleware, request):
    """Django's cache middleware reads its key prefix from itself: each request works with a
    copy whose prefix holds the page version read when the request began, so a page rendered
    before a change is stored under the old version, which no request reads any more."""
    versioned = copy.copy(middleware)
    versioned.key_prefix = f"{middleware.key_prefix}.{request.page_cache_version}"
    return versioned


class AnonymousUpdateCacheMiddleware(UpdateCacheMiddleware):
    def _should_update_cache(self, request, response):
        return super()._should_update_cache(request, response) and is_anonymous_request(request)

    def process_response(self, request, response):
        if not hasattr(request, "page_cache_version"):
            return response
        return UpdateCacheMiddleware.process_response(for_version(self, request), request, response)


class AnonymousFetchFromCacheMiddleware(FetchFromCacheMiddleware):
    def process_request(self, request):
        if request.method not in ("GET", "HEAD") or not is_anonymous_request(request):
            request._cache_update_cache = False
            return None
        request.page_cache_version = page_version()
        return FetchFromCacheMiddleware.process_request(for_version(self, request), request)
