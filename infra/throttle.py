"""Limits on login failures per client address and on password-reset requests.

django-axes locks one username from one address after a few failures; it cannot also hold
a higher limit for the address alone (one limit for all its lockout parameters), and its
reset on success would let a sprayer clear the address's count with an account of its own.
These counters add what it lacks, in the default cache that every process shares (the
database cache, Redis in production): failed logins per client address, across usernames,
and password-reset requests per requested e-mail and per client address. Over a limit, the
request gets a French page with HTTP 429 and nothing is checked or sent.

Counts are per fixed window: the first attempt opens it, it closes `seconds` later. Cache
keys hold a hash of the address or e-mail, never the value itself.
"""

import hashlib
import time
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int

    def _key(self, value: str) -> str:
        digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]
        return f"throttle:{self.scope}:{digest}"

    def exceeded(self, value: str) -> bool:
        count, _ = cache.get(self._key(value)) or (0, 0)
        return count >= self.count

    def hit(self, value: str) -> int:
        """Count one attempt; the number of attempts in the current window."""
        key = self._key(value)
        now = time.time()
        count, closes = cache.get(key) or (0, now + self.seconds)
        count += 1
        cache.set(key, (count, closes), timeout=max(1, int(closes - now)))
        return count


def login_failures_per_ip() -> Limit:
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return Limit("login-ip", settings.TZNR_LOGIN_IP_FAILURE_LIMIT, seconds)


def password_resets_per_email() -> Limit:
    return Limit(
        "reset-email",
        settings.TZNR_PASSWORD_RESET_PER_EMAIL,
        settings.TZNR_PASSWORD_RESET_WINDOW_MINUTES * 60,
    )


def password_resets_per_ip() -> Limit:
    return Limit(
        "reset-ip",
        settings.TZNR_PASSWORD_RESET_PER_IP,
        settings.TZNR_PASSWORD_RESET_WINDOW_MINUTES * 60,
    )


def client_ip(request) -> str:
    """The client address as django-axes sees it (TZNR_PROXY_COUNT proxies in front)."""
    return get_client_ip_address(request) or ""


def count_login_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """`user_login_failed` receiver: one more failure for the client's address."""
    if request is not None:
        login_failures_per_ip().hit(client_ip(request))


def too_many(request, message: str, minutes: int):
    response = render(request, "429.html", {"message": message, "minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


# Every login form of the site: ours, the Wagtail admin's, Wagtail's for restricted pages.
LOGIN_VIEWS = ("login", "wagtailadmin_login", "wagtailcore_login")


class ThrottleMiddleware:
    """Refuses a login or a password-reset request over its limit, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            path = request.path_info
            if path in [reverse(name) for name in LOGIN_VIEWS]:
                refused = self.refuse_login(request)
            elif path in (reverse("password_reset"), reverse("wagtailadmin_password_reset")):
                refused = self.refuse_password_reset(request)
            else:
                refused = None
            if refused is not None:
                return refused
        return self.get_response(request)

    def refuse_login(self, request):
        limit = login_failures_per_ip()
        if not limit.exceeded(client_ip(request)):
            return None
        return too_many(
            request,
            "Trop de tentatives de connexion ont échoué depuis votre adresse réseau. "
            "Par sécurité, la connexion depuis cette adresse est suspendue.",
            limit.seconds // 60,
        )

    def refuse_password_reset(self, request):
        ip, email = client_ip(request), request.POST.get("email", "").strip().lower()
        per_ip, per_email = password_resets_per_ip(), password_resets_per_email()
        if per_ip.exceeded(ip) or (email and per_email.exceeded(email)):
            return too_many(
                request,
                "Trop de demandes de réinitialisation du mot de passe ont été faites pour "
                "ce courriel ou depuis votre adresse réseau. Si vous avez déjà reçu un lien, "
                "utilisez le plus récent.",
                per_ip.seconds // 60,
            )
        per_ip.hit(ip)
        if email:
            per_email.hit(email)
        return None
