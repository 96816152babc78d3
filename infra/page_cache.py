"""Whole-page cache for anonymous visitors only (Django's cache middleware, narrowed).

A request carrying a session or messages cookie (a signed-in member, a visitor with a
pending message) is neither served from nor stored in the cache, so a member's page is
never cached. Views marked `never_cache` (search, API) and responses that set cookies or
vary on them stay out of the cache by Django's own rules.
"""

from django.conf import settings

from kb.private_api import SelectiveFetchFromCacheMiddleware, SelectiveUpdateCacheMiddleware

PERSONAL_COOKIES = ("messages",)


def is_anonymous_request(request) -> bool:
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class AnonymousUpdateCacheMiddleware(SelectiveUpdateCacheMiddleware):
    def may_store(self, request) -> bool:
        return is_anonymous_request(request)


class AnonymousFetchFromCacheMiddleware(SelectiveFetchFromCacheMiddleware):
    def may_serve(self, request) -> bool:
        return is_anonymous_request(request)
