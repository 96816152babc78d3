"""The ProConnect provider as configured: whether it is on, and its endpoints.

Everything is read from settings at each use (never at import), and the discovery document
only when a sign-in needs it: then it is fetched once and kept in the shared cache for
PROCONNECT_DISCOVERY_CACHE_SECONDS. Without configuration, nothing is ever fetched.
"""

import hashlib

import requests
from django.conf import settings
from django.core.cache import cache

from proconnect.errors import ProviderUnavailable

REQUIRED_METADATA = (
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
)


def is_configured() -> bool:
    return bool(
        settings.PROCONNECT_CLIENT_ID
        and settings.PROCONNECT_CLIENT_SECRET
        and (settings.PROCONNECT_ISSUER or settings.PROCONNECT_DISCOVERY_URL)
    )


def discovery_url() -> str:
    if settings.PROCONNECT_DISCOVERY_URL:
        return settings.PROCONNECT_DISCOVERY_URL
    return settings.PROCONNECT_ISSUER.rstrip("/") + "/.well-known/openid-configuration"


def _cache_key(url: str) -> str:
    return "proconnect:" + hashlib.sha256(url.encode()).hexdigest()[:32]


def metadata() -> dict:
    """The provider's discovery document (OpenID Connect Discovery 1.0), checked."""
    url = discovery_url()
    document = cache.get(_cache_key(url))
    if document is not None:
        return document
    try:
        response = requests.get(url, timeout=settings.PROCONNECT_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable from error
    if not isinstance(document, dict) or any(
        not isinstance(document.get(key), str) for key in REQUIRED_METADATA
    ):
        raise ProviderUnavailable("incomplete discovery document")
    expected = settings.PROCONNECT_ISSUER.rstrip("/")
    if expected and document["issuer"].rstrip("/") != expected:
        # Discovery §4.3: the issuer announced must be the one configured.
        raise ProviderUnavailable("issuer mismatch")
    cache.set(_cache_key(url), document, settings.PROCONNECT_DISCOVERY_CACHE_SECONDS)
    return document


def signing_keys(*, fresh: bool = False) -> list[dict]:
    """The provider's public keys (its JWKS), kept in the shared cache like the discovery."""
    url = endpoint("jwks_uri")
    key = _cache_key(url)
    keys = None if fresh else cache.get(key)
    if keys is not None:
        return keys
    try:
        response = requests.get(url, timeout=settings.PROCONNECT_TIMEOUT)
        response.raise_for_status()
        keys = response.json()["keys"]
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise ProviderUnavailable from error
    if not isinstance(keys, list) or not all(isinstance(item, dict) for item in keys):
        raise ProviderUnavailable("unreadable JWKS")
    cache.set(key, keys, settings.PROCONNECT_DISCOVERY_CACHE_SECONDS)
    return keys


def endpoint(name: str) -> str:
    return metadata()[name]


# mozilla-django-oidc reads its configuration through `get_settings(name)`; these names come
# from our settings or from the discovery document instead of OIDC_* settings.
def oidc_setting(name: str, *default):
    values = {
        "OIDC_RP_CLIENT_ID": lambda: settings.PROCONNECT_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": lambda: settings.PROCONNECT_CLIENT_SECRET,
        "OIDC_RP_SCOPES": lambda: settings.PROCONNECT_SCOPES,
        "OIDC_RP_SIGN_ALGO": lambda: settings.PROCONNECT_SIGN_ALGO,
        "OIDC_USE_NONCE": lambda: True,
        "OIDC_USE_PKCE": lambda: settings.PROCONNECT_USE_PKCE,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": lambda: "S256",
        "OIDC_TIMEOUT": lambda: settings.PROCONNECT_TIMEOUT,
        "OIDC_AUTHENTICATION_CALLBACK_URL": lambda: "proconnect-callback",
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": lambda: (
            {"acr_values": settings.PROCONNECT_ACR_VALUES} if settings.PROCONNECT_ACR_VALUES else {}
        ),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": lambda: endpoint("authorization_endpoint"),
        "OIDC_OP_TOKEN_ENDPOINT": lambda: endpoint("token_endpoint"),
        "OIDC_OP_USER_ENDPOINT": lambda: endpoint("userinfo_endpoint"),
        "OIDC_OP_JWKS_ENDPOINT": lambda: endpoint("jwks_uri"),
    }
    if name in values:
        return values[name]()
    if default:
        return getattr(settings, name, default[0])
    return getattr(settings, name)
