"""Signing in with ProConnect against a real OpenID Connect provider (tests/proconnect/provider.py)
over HTTP: the protocol as ProConnect speaks it, and how identities meet accounts."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders

from proconnect.models import ProConnectIdentity
from tests.conftest import make_user
from tests.proconnect.conftest import sign_in, start

pytestmark = pytest.mark.django_db

AGENT = {
    "email": "claire.martin@ville-exemple.fr",
    "given_name": "Claire",
    "usual_name": "Martin",
    "siret": "21380185500015",
    "organization_label": "Commune d'Exemple",
    "idp_id": "fia1v2",
    "uid": "cmartin",
}


def test_without_configuration_no_button_and_the_routes_are_absent(client, settings):
    settings.PROCONNECT_CLIENT_ID = ""
    page = client.get("/connexion/").content.decode()
    assert "ProConnect" not in page
    assert client.get("/proconnect/connexion/").status_code == 404
    assert client.get("/proconnect/retour/?code=x&state=y").status_code == 404


def test_the_login_page_shows_the_official_button(client, configured):
    page = client.get("/connexion/?next=/annuaire/").content.decode()
    assert (
        'class="fr-connect proconnect-button" href="/proconnect/connexion/?next=%2Fannuaire%2F"'
        in page
    )
    assert '<span class="fr-connect__login">S’identifier avec</span>' in page
    assert '<span class="fr-connect__brand">ProConnect</span>' in page
    assert "Qu’est-ce que ProConnect ?" in page
    assert 'href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener"' in page
    # Served from here: the stylesheet and the glyph it draws.
    assert "/static/proconnect/proconnect.css" in page
    assert finders.find("proconnect/proconnect.css")
    glyph = finders.find("proconnect/proconnect-glyph.svg")
    assert glyph and open(glyph, encoding="utf-8").read().startswith("<svg")


def test_an_outside_next_address_is_not_passed_on(client, configured):
    page = client.get("/connexion/?next=https://ailleurs.example/").content.decode()
    assert 'href="/proconnect/connexion/"' in page


def test_the_authorization_request_is_the_one_proconnect_documents(client, configured):
    location = start(client)
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == configured.url + "/oauth2/authorize"
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    assert query["response_type"] == "code"
    assert query["client_id"] == configured.client_id
    assert query["redirect_uri"] == "http://testserver/proconnect/retour/"
    assert (
        query["scope"] == "openid email given_name usual_name siret uid idp_id organization_label"
    )
    assert query["acr_values"] == "eidas1"
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43  # base64url of a SHA-256
    assert set(query) == {
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "acr_values",
        "state",
        "nonce",
        "code_challenge",
        "code_challenge_method",
    }


def test_a_member_signs_in_by_the_email_proconnect_vouches_for(client, configured):
    user = make_user("claire", "Membre", email="Claire.Martin@ville-exemple.fr")
    configured.put_user("agent-1", **AGENT)
    response = sign_in(client, configured, "agent-1", next_url="/annuaire/")
    assert response.status_code == 302 and response["Location"] == "/annuaire/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session["_auth_user_backend"] == "proconnect.backends.ProConnectBackend"
    identity = ProConnectIdentity.objects.get(sub="agent-1")
    assert identity.user == user
    assert (identity.siret, identity.organisation, identity.idp_id) == (
        "21380185500015",
        "Commune d'Exemple",
        "fia1v2",
    )
    # The token request carried the PKCE verifier and the client's secret; the provider
    # checked both (it refuses a verifier that does not match the challenge).
    token_request = configured.record.token_requests[-1]
    assert len(token_request["code_verifier"]) >= 43
    assert token_request["client_secret"] == configured.client_secret
    # The ID token is kept for the logout at the provider.
    assert client.session["oidc_id_token"].count(".") == 2
    # Signed in: the members' directory opens.
    assert client.get("/annuaire/").status_code == 200


def test_the_identity_answers_by_its_sub_afterwards(client, configured):
    user = make_user("claire", "Membre", email="claire.martin@ville-exemple.fr")
    configured.put_user("agent-1", **AGENT)
    sign_in(client, configured, "agent-1")
    client.logout()
    configured.put_user("agent-1", **{**AGENT, "email": "c.martin@nouvelle-adresse.fr"})
    sign_in(client, configured, "agent-1")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert ProConnectIdentity.objects.get(sub="agent-1").email == "c.martin@nouvelle-adresse.fr"


def test_an_account_found_by_its_login_when_the_email_field_is_empty(client, configured):
    user = make_user("claire.martin@ville-exemple.fr", "Membre")
    configured.put_user("agent-1", **AGENT)
    sign_in(client, configured, "agent-1")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_pkce_is_what_the_provider_checks(client, configured, settings):
    """Without PKCE the provider (which requires it, as a strict ProConnect would) refuses the
    code: the test provider does check the verifier."""
    settings.PROCONNECT_USE_PKCE = False
    make_user("claire", "Membre", email="claire.martin@ville-exemple.fr")
    configured.put_user("agent-1", **AGENT)
    response = sign_in(client, configured, "agent-1")
    assert response.status_code == 503
    assert "_auth_user_id" not in client.session


def test_a_password_login_never_reaches_proconnect(client, configured):
    make_user("claire", "Membre", email="claire.martin@ville-exemple.fr")
    response = client.post(
        "/connexion/?code=abc&state=def", {"username": "claire", "password": "motdepasse-test"}
    )
    assert response.status_code == 302
    assert configured.record.token_requests == []
    assert not User.objects.filter(username="claire").get().proconnect_identities.exists()
