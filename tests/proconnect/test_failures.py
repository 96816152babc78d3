"""Each way a ProConnect sign-in can fail ends on a French page that says what happened,
never a 500, and nothing is created (no account, identity, access request, session)."""

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth.models import User

from proconnect.models import AccessRequest, ProConnectIdentity
from tests.conftest import make_user
from tests.proconnect.conftest import back, sign_in, start
from tests.proconnect.provider import running_provider
from tests.proconnect.test_sign_in import AGENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(configured):
    """A member ProConnect will vouch for: success is one step away in every test here."""
    make_user("claire", "Membre", email=AGENT["email"])
    configured.put_user("agent-1", **AGENT)
    return configured


def counts() -> tuple:
    return (
        User.objects.count(),
        ProConnectIdentity.objects.count(),
        AccessRequest.objects.count(),
        AccessAttempt.objects.count(),
    )


def assert_refused(client, response, status: int, title: str, before: tuple):
    page = response.content.decode()
    assert response.status_code == status, page[:300]
    assert f"<h1>{title}</h1>" in page
    assert 'lang="fr"' in page
    assert "_auth_user_id" not in client.session
    assert "oidc_id_token" not in client.session
    assert counts() == before


def test_the_provider_down_when_the_button_is_clicked(client, settings, known):
    before = counts()
    with running_provider() as gone:
        url = gone.url
    settings.PROCONNECT_ISSUER = url  # nothing listens there any more
    response = client.get("/proconnect/connexion/")
    assert_refused(client, response, 503, "ProConnect ne répond pas", before)
    assert "Réessayez dans quelques minutes" in response.content.decode()


def test_the_provider_down_when_the_code_comes_back(client, settings):
    make_user("claire", "Membre", email=AGENT["email"])
    with running_provider() as provider:
        provider.register_client(["http://testserver/proconnect/retour/"])
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        provider.put_user("agent-1", **AGENT)
        location = provider.authorize(start(client), "agent-1")
    before = counts()
    response = back(client, location)  # the token endpoint no longer answers
    assert_refused(client, response, 503, "ProConnect ne répond pas", before)


def test_a_wrong_state(client, known):
    location = known.authorize(start(client), "agent-1")
    before = counts()
    response = back(client, location.replace("state=", "state=autre"))
    assert_refused(client, response, 400, "Demande de connexion expirée", before)
    assert known.record.token_requests == []  # the code was never even exchanged


def test_a_state_from_another_browser(client, known):
    from django.test import Client

    location = known.authorize(start(Client()), "agent-1")
    before = counts()
    response = back(client, location)
    assert_refused(client, response, 400, "Demande de connexion expirée", before)


def test_a_state_used_twice(client, known):
    location = known.authorize(start(client), "agent-1")
    assert back(client, location).status_code == 302
    client.logout()
    before = counts()
    response = back(client, location)
    assert_refused(client, response, 400, "Demande de connexion expirée", before)


def test_an_expired_code(client, known):
    known.faults.code_lifetime = 0  # ProConnect's live 30 seconds
    before = counts()
    response = sign_in(client, known, "agent-1")
    assert_refused(client, response, 400, "Code de connexion expiré", before)
    assert "il a expiré" in response.content.decode()


def test_a_tampered_id_token(client, known):
    known.faults.id_token = "tampered"
    before = counts()
    response = sign_in(client, known, "agent-1")
    assert_refused(client, response, 502, "Réponse de ProConnect non vérifiable", before)


def test_a_userinfo_signed_by_another_key(client, known):
    known.faults.userinfo = "wrong-key"
    before = counts()
    response = sign_in(client, known, "agent-1")
    assert_refused(client, response, 502, "Réponse de ProConnect non vérifiable", before)


def test_an_unsigned_userinfo(client, known):
    known.faults.userinfo = "json"
    before = counts()
    response = sign_in(client, known, "agent-1")
    assert_refused(client, response, 502, "Réponse de ProConnect non vérifiable", before)


def test_a_userinfo_about_someone_else(client, known):
    known.faults.userinfo = "other-sub"
    before = counts()
    response = sign_in(client, known, "agent-1")
    assert_refused(client, response, 502, "Réponse de ProConnect non vérifiable", before)


def test_a_token_for_another_client(client, known, settings):
    """The ID token's audience is the client it was issued to: another client id is refused."""
    location = known.authorize(start(client), "agent-1")
    before = counts()
    other = requests.post(
        f"{known.url}/oauth2/clients",
        json={
            "redirect_uris": ["http://testserver/proconnect/retour/"],
            "token_endpoint_auth_method": "client_secret_post",
            "scope": "openid email",
        },
        timeout=5,
    ).json()
    settings.PROCONNECT_CLIENT_ID = other["client_id"]
    settings.PROCONNECT_CLIENT_SECRET = other["client_secret"]
    response = back(client, location)  # the provider refuses a code issued to another client
    assert response.status_code in (400, 503)
    assert counts() == before and "_auth_user_id" not in client.session


@pytest.mark.parametrize("email", [None, "", "pas-une-adresse"])
def test_a_missing_email_claim(client, configured, email):
    claims = {name: value for name, value in AGENT.items() if name != "email"}
    if email is not None:
        claims["email"] = email
    configured.put_user("agent-2", **claims)
    before = counts()
    response = sign_in(client, configured, "agent-2")
    assert_refused(client, response, 403, "Adresse électronique manquante", before)


def test_an_email_the_provider_says_is_not_verified(client, configured):
    make_user("claire", "Membre", email=AGENT["email"])
    configured.put_user("agent-1", **AGENT, email_verified=False)
    before = counts()
    response = sign_in(client, configured, "agent-1")
    assert_refused(client, response, 403, "Adresse électronique manquante", before)


def test_the_person_cancels_at_the_provider(client, known):
    before = counts()
    response = back(client, known.deny(start(client)))
    assert_refused(client, response, 400, "Connexion annulée", before)


def test_two_accounts_share_the_address(client, known):
    make_user("claire-bis", "Membre", email=AGENT["email"].upper())
    before = counts()
    response = sign_in(client, known, "agent-1")
    assert_refused(client, response, 409, "Plusieurs comptes pour cette adresse", before)


def test_a_deactivated_account(client, known):
    User.objects.filter(username="claire").update(is_active=False)
    before = counts()
    response = sign_in(client, known, "agent-1")
    assert_refused(client, response, 403, "Compte désactivé", before)


def test_a_callback_without_code_or_state(client, configured):
    before = counts()
    response = client.get("/proconnect/retour/")
    assert_refused(client, response, 400, "Demande de connexion expirée", before)
