"""Authentication backends: ProConnect's (mozilla-django-oidc's, as ProConnect speaks it) and
the password backend that can refuse animators and administrators."""

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.encoding import smart_str
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from proconnect import provider, services
from proconnect.claims import ProConnectClaims
from proconnect.errors import BadSignature, CodeRejected, ProviderUnavailable, UnknownPerson

SESSION_ID_TOKEN = "oidc_id_token"  # noqa: S105 -- a session key (mozilla-django-oidc's)
# Clock skew accepted between ProConnect and this server when checking token dates.
LEEWAY_SECONDS = 60
ANIMATORS_USE_PROCONNECT = (
    "Les animateurs et les administrateurs se connectent avec ProConnect : utilisez le "
    "bouton « S'identifier avec ProConnect » de la page de connexion du site (/connexion/)."
)


class ProConnectBackend(OIDCAuthenticationBackend):
    """The authorization code flow with ProConnect (mozilla-django-oidc 5).

    Differences with the library's backend, each for ProConnect:
    - the configuration comes from PROCONNECT_* settings and the discovery document, read
      when a sign-in needs it (the library reads it when the backend is built, that is for
      every request of a signed-in person);
    - ID token and userinfo are checked for signature, issuer, audience and dates (the
      library checks the signature only); the userinfo must be a signed JWT
      (`application/jwt`, as ProConnect answers) about the same `sub` as the ID token;
    - no account is created from ProConnect alone: `services.user_for_claims` links the
      identity to an account by its e-mail, or raises UnknownPerson;
    - failures raise ProConnectError subclasses, which the callback view shows in French.
    """

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr, *args):
        return provider.oidc_setting(attr, *args)

    # The library reads these as attributes: they come from settings and discovery.
    OIDC_RP_CLIENT_ID = property(lambda self: settings.PROCONNECT_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.PROCONNECT_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.PROCONNECT_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider.endpoint("token_endpoint"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider.endpoint("userinfo_endpoint"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider.endpoint("jwks_uri"))

    def authenticate(self, request, **kwargs):
        # Only the callback view passes `nonce`: a password login never reaches ProConnect,
        # even with ?code=…&state=… in its address.
        if request is None or "nonce" not in kwargs or not provider.is_configured():
            return None
        self.id_token_payload = None
        return super().authenticate(request, **kwargs)

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.HTTPError as error:
            response = error.response
            if response is not None and response.status_code in (400, 401):
                if _oauth_error(response) == "invalid_grant":
                    raise CodeRejected from error
            raise ProviderUnavailable from error
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailable from error

    def retrieve_matching_jwk(self, token):
        """The provider's key for `token`: by its `kid` (the keys are fetched again once when
        none matches: the provider may have rotated them), or the only key of the expected
        algorithm when the token names none."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise BadSignature from error
        for fresh in (False, True):
            keys = [
                key
                for key in provider.signing_keys(fresh=fresh)
                if key.get("alg", header.get("alg")) == header.get("alg")
                and key.get("use", "sig") == "sig"
            ]
            if "kid" in header:
                keys = [key for key in keys if key.get("kid") == header["kid"]]
            if len(keys) == 1:
                try:
                    return jwt.PyJWK(keys[0])
                except jwt.PyJWTError as error:
                    raise BadSignature from error
        raise BadSignature("no key of the provider matches the token")

    def verify_token(self, token, **kwargs):
        """Signature (against the provider's JWKS), algorithm, issuer, audience, dates and,
        for the ID token, the nonce of this browser's sign-in."""
        if not isinstance(token, str) or not token:
            raise BadSignature("no token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise BadSignature from error
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise BadSignature("unexpected algorithm")
        key = self.retrieve_matching_jwk(token)
        is_id_token = "nonce" in kwargs
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider.endpoint("issuer"),
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "sub", *(["exp"] if is_id_token else [])]},
            )
        except jwt.PyJWTError as error:
            raise BadSignature from error
        if is_id_token:
            if payload.get("nonce") != kwargs["nonce"]:
                raise BadSignature("nonce mismatch")
            self.id_token_payload = payload
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        try:
            response = requests.get(
                self.OIDC_OP_USER_ENDPOINT,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=settings.PROCONNECT_TIMEOUT,
            )
            response.raise_for_status()
        except requests.RequestException as error:
            raise ProviderUnavailable from error
        content_type = response.headers.get("content-type", "").lower()
        if not content_type.startswith("application/jwt"):
            raise BadSignature("unsigned userinfo")
        claims = self.verify_token(response.text.strip())
        if smart_str(claims.get("sub")) != smart_str(payload.get("sub")):
            raise BadSignature("userinfo about another subject")
        return claims

    def store_tokens(self, access_token, id_token):
        self.id_token = id_token  # kept in the session once the person is signed in

    def get_or_create_user(self, access_token, id_token, payload):
        claims = ProConnectClaims.from_userinfo(self.get_userinfo(access_token, id_token, payload))
        try:
            user = services.user_for_claims(claims=claims)
        except UnknownPerson as unknown:
            unknown.id_token = id_token  # for the provider's logout, should they join
            raise
        self.request.session[SESSION_ID_TOKEN] = id_token
        return user


def _oauth_error(response) -> str:
    try:
        return str(response.json().get("error", ""))
    except (ValueError, AttributeError):
        return ""


def proconnect_required(user) -> bool:
    """Whether `user` may only sign in with ProConnect (PROCONNECT_REQUIRED_FOR_ANIMATORS: those
    who reach the Wagtail admin, animators and administrators)."""
    return bool(
        settings.PROCONNECT_REQUIRED_FOR_ANIMATORS
        and provider.is_configured()
        and user.has_perm("wagtailadmin.access_admin")
    )


class PasswordBackend(ModelBackend):
    """Django's password check. When ProConnect is required for animators and
    administrators, their right password is refused with a French message (a ValidationError
    raised during the form's clean, which the site's and Wagtail's login forms show), and a
    password session they still hold ends at their next request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and proconnect_required(user):
            raise ValidationError(ANIMATORS_USE_PROCONNECT, code="proconnect_required")
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None and proconnect_required(user):
            return None
        return user
