"""Logging out of the site also ends the ProConnect session (RP-initiated logout).

Whatever logs the person out (the header's button, the Wagtail admin's), Django sends
`user_logged_out` while the session still holds the ID token: the receiver keeps it on the
request, and the middleware turns the logout's redirect into one to the provider's
end_session_endpoint (`id_token_hint`, `state`, `post_logout_redirect_uri`), which sends the
browser back to `proconnect-logout-return`, where the state is checked.
"""

import secrets
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from proconnect import provider
from proconnect.backends import SESSION_ID_TOKEN
from proconnect.errors import ProConnectError

SESSION_LOGOUT = "proconnect_logout"  # the state sent, and where to go once confirmed


def remember_id_token(sender, request=None, user=None, **kwargs) -> None:
    """`user_logged_out` receiver: the session is flushed next, the ID token must survive."""
    if request is not None and hasattr(request, "session"):
        id_token = request.session.get(SESSION_ID_TOKEN)
        if id_token:
            request.proconnect_id_token = id_token


def end_session_url(request, *, id_token: str, next_url: str) -> str | None:
    """The provider's end_session_endpoint for this person, with a new state kept in the
    session; None when the provider has none or cannot be reached (the logout here stands)."""
    try:
        endpoint = provider.metadata().get("end_session_endpoint")
    except ProConnectError:
        return None
    if not isinstance(endpoint, str) or not endpoint:
        return None
    state = secrets.token_urlsafe(32)
    request.session[SESSION_LOGOUT] = {"state": state, "next": next_url}
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": state,
            "post_logout_redirect_uri": request.build_absolute_uri(
                reverse("proconnect-logout-return")
            ),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class ProviderLogoutMiddleware:
    """After a logout that held a ProConnect ID token, redirect to the provider's logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        id_token = getattr(request, "proconnect_id_token", None)
        if id_token and response.status_code in (301, 302, 303) and provider.is_configured():
            url = end_session_url(request, id_token=id_token, next_url=response["Location"])
            if url:
                return HttpResponseRedirect(url)
        return response
