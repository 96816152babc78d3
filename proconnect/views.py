"""Signing in with ProConnect: the start, the callback, joining or asking for access, and the
return from the provider's logout.

Every failure ends on proconnect/failure.html, in French, with the status of its
ProConnectError; nothing is created then.
"""

import logging
import secrets
import time

from django.contrib import auth, messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from proconnect import provider, selectors, services
from proconnect.backends import SESSION_ID_TOKEN
from proconnect.claims import ProConnectClaims
from proconnect.errors import (
    Cancelled,
    InactiveAccount,
    ProConnectError,
    StateMismatch,
    UnknownPerson,
)
from proconnect.forms import AccessRequestForm, JoinForm
from proconnect.logout import SESSION_LOGOUT

logger = logging.getLogger(__name__)

BACKEND = "proconnect.backends.ProConnectBackend"
# A sign-in started here must come back within this time (ProConnect's code lives 30 s).
STATE_MAX_AGE_SECONDS = 15 * 60
# Who ProConnect vouched for, between the callback and the join or access-request form.
SESSION_PENDING = "proconnect_pending"
PENDING_MAX_AGE_SECONDS = 30 * 60


def failure(request, error: ProConnectError):
    cause = error.__cause__ or error.__context__
    logger.warning("ProConnect: %s (%r)", type(error).__name__, cause or error)
    return render(request, "proconnect/failure.html", {"error": error}, status=error.status)


def _require_configured():
    if not provider.is_configured():
        raise Http404("La connexion avec ProConnect n'est pas activée sur ce site.")


@method_decorator(never_cache, name="dispatch")
class LoginStart(OIDCAuthenticationRequestView):
    """« S'identifier avec ProConnect »: state, nonce and PKCE kept in the session, then the
    provider's authorization endpoint (mozilla-django-oidc)."""

    def __init__(self, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)  # reads no endpoint yet

    @staticmethod
    def get_settings(attr, *args):
        return provider.oidc_setting(attr, *args)

    def get(self, request):
        _require_configured()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.endpoint("authorization_endpoint")
        except ProConnectError as error:
            return failure(request, error)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


@method_decorator(never_cache, name="dispatch")
class Callback(OIDCAuthenticationCallbackView):
    """The provider's answer: the state is this browser's, then the backend exchanges the code
    (with the PKCE verifier), checks the tokens and finds the account."""

    @staticmethod
    def get_settings(attr, *args):
        return provider.oidc_setting(attr, *args)

    def get(self, request):
        _require_configured()
        try:
            self.user = self._authenticate(request)
        except UnknownPerson as unknown:
            request.session[SESSION_PENDING] = {
                "claims": unknown.claims.as_session(),
                "id_token": getattr(unknown, "id_token", None),
                "at": time.time(),
            }
            return redirect("proconnect-welcome")
        except ProConnectError as error:
            request.session.pop(SESSION_ID_TOKEN, None)
            return failure(request, error)
        messages.success(request, "Vous êtes connecté·e avec ProConnect.")
        return self.login_success()

    def _authenticate(self, request):
        states = request.session.get("oidc_states")
        state = request.GET.get("state", "")
        entry = states.pop(state, None) if isinstance(states, dict) else None
        if entry is not None:
            request.session["oidc_states"] = states  # one use only
        if request.GET.get("error"):
            raise Cancelled
        if entry is None or not request.GET.get("code"):
            raise StateMismatch
        if time.time() - entry.get("added_on", 0) > STATE_MAX_AGE_SECONDS:
            raise StateMismatch
        user = auth.authenticate(
            request=request, nonce=entry["nonce"], code_verifier=entry.get("code_verifier")
        )
        if user is None or not user.is_active:
            raise InactiveAccount
        return user


def _pending(request) -> tuple[ProConnectClaims | None, dict]:
    pending = request.session.get(SESSION_PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > (
        PENDING_MAX_AGE_SECONDS
    ):
        return None, {}
    return ProConnectClaims.from_session(pending.get("claims")), pending


@never_cache
@require_http_methods(["GET", "POST"])
def welcome(request):
    """Someone ProConnect vouched for who has no account: accept their pending invitation,
    or say how to join and take their access request."""
    _require_configured()
    claims, pending = _pending(request)
    if claims is None:
        messages.info(request, "Connectez-vous d'abord avec ProConnect.")
        return redirect("login")
    if selectors.invitation_pending(email=claims.email) is not None:
        return _join(request, claims, pending)
    return _ask(request, claims)


def _join(request, claims: ProConnectClaims, pending: dict):
    invitation = selectors.invitation_pending(email=claims.email)
    initial = {
        "given_name": claims.given_name[:75],
        "family_name": claims.usual_name[:75],
        "organisation": claims.organisation[:200],
    }
    form = JoinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user = services.invitation_accept(claims=claims, data=form.cleaned_data)
        if user is None:  # used or expired meanwhile: ask again
            return redirect("proconnect-welcome")
        request.session.pop(SESSION_PENDING, None)
        auth.login(request, user, backend=BACKEND)
        if pending.get("id_token"):
            request.session[SESSION_ID_TOKEN] = pending["id_token"]
        messages.success(request, "Bienvenue ! Votre compte est créé : complétez votre fiche.")
        return redirect("profile")
    return render(
        request,
        "proconnect/join.html",
        {"form": form, "claims": claims, "invitation": invitation},
        status=400 if form.errors else 200,
    )


def _ask(request, claims: ProConnectClaims):
    latest = selectors.access_request_latest(email=claims.email)
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.access_request_submit(
            claims=claims,
            territory=form.cleaned_data["territory"],
            message=form.cleaned_data["message"],
        )
        messages.success(
            request,
            "Votre demande est transmise à l'équipe d'animation. Vous recevrez une invitation "
            "par courriel si elle est acceptée.",
        )
        return redirect("proconnect-welcome")
    return render(
        request,
        "proconnect/access_request.html",
        {"form": form, "claims": claims, "latest": latest},
        status=400 if form.errors else 200,
    )


@never_cache
@require_GET
def logout_return(request):
    """Back from the provider's end_session_endpoint: its `state` must be the one sent."""
    expected = request.session.pop(SESSION_LOGOUT, None) or {}
    state = request.GET.get("state", "")
    if not expected.get("state") or not secrets.compare_digest(
        state.encode(), expected["state"].encode()
    ):
        error = ProConnectError()
        error.title = "Déconnexion de ProConnect non confirmée"
        error.message = (
            "Vous êtes bien déconnecté·e de ce site, mais la réponse de ProConnect ne "
            "correspond à aucune déconnexion en cours dans ce navigateur. Pour fermer aussi "
            "votre session ProConnect, fermez votre navigateur."
        )
        error.retry = False
        return failure(request, error)
    messages.success(request, "Vous êtes déconnecté·e, de ce site et de ProConnect.")
    return HttpResponseRedirect(expected.get("next") or resolve_url("/"))
