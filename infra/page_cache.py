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

from kb.private_api import SelectiveFetchFromCacheMiddleware, SelectiveUpdateCacheMiddleware
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


class AnonymousUpdateCacheMiddleware(SelectiveUpdateCacheMiddleware):
    def may_store(self, request) -> bool:
        return is_anonymous_request(request)

    def process_response(self, request, response):
        if not hasattr(request, "page_cache_version"):  # not looked up: not stored either
            return response
        versioned = for_version(self, request)
        return super(AnonymousUpdateCacheMiddleware, versioned).process_response(request, response)


class AnonymousFetchFromCacheMiddleware(SelectiveFetchFromCacheMiddleware):
    def may_serve(self, request) -> bool:
        """Anonymous reads of pages; never media files, whose access is checked on every
        request (an image's collection can change without moving the page version)."""
        return (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(settings.MEDIA_URL)
            and is_anonymous_request(request)
        )

    def process_request(self, request):
        if not self.may_serve(request):
            return super().process_request(request)  # neither served nor stored
        request.page_cache_version = page_version()
        versioned = for_version(self, request)
        return super(AnonymousFetchFromCacheMiddleware, versioned).process_request(request)
