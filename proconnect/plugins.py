"""What ProConnect adds to the pages of others (ProConnectConfig.ready): the button on the
login forms, the linked identities on « Mon profil » and in its JSON download."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from kb import personal_data, sections
from proconnect import provider, selectors


def login_button(*, request) -> dict | None:
    if not provider.is_configured():
        return None
    url = reverse("proconnect-login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url += "?" + urlencode({"next": next_url})
    return {"url": url, "required_for_animators": settings.PROCONNECT_REQUIRED_FOR_ANIMATORS}


def profile_identities(*, request, user) -> dict | None:
    identities = list(selectors.identity_list_for_user(user=user))
    if not identities and not provider.is_configured():
        return None
    return {"identities": identities}


def register() -> None:
    sections.register(
        sections.LOGIN,
        sections.Section("proconnect", "proconnect/sections/login.html", login_button),
    )
    sections.register(
        sections.PROFILE,
        sections.Section("proconnect", "proconnect/sections/profile.html", profile_identities),
    )
    personal_data.register("ProConnect", selectors.personal_data)
