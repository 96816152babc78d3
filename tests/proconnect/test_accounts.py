"""Who ProConnect signs in without an account: an invitation waiting, or a request to join
that animators decide on in the Wagtail admin; animators required to use ProConnect; the
logout at the provider; what « Mon profil » and its download show."""

import json

import pytest
import requests
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from directory.models import Coordinator, Invitation
from proconnect.models import AccessRequest, ProConnectIdentity
from tests.conftest import make_user
from tests.factories.kb import TerritoryFactory
from tests.proconnect.conftest import back, sign_in
from tests.proconnect.test_sign_in import AGENT

pytestmark = pytest.mark.django_db


def test_a_pending_invitation_is_accepted_at_the_first_sign_in(client, configured):
    territory = TerritoryFactory()
    Invitation.create(email=AGENT["email"], territory=territory, invited_by=None)
    configured.put_user("agent-1", **AGENT)
    response = sign_in(client, configured, "agent-1")
    assert response.status_code == 302 and response["Location"] == "/proconnect/bienvenue/"
    page = client.get("/proconnect/bienvenue/").content.decode()
    assert "Une invitation vous attend pour le territoire" in page
    assert 'value="Claire"' in page and 'value="Martin"' in page  # from ProConnect
    assert "_auth_user_id" not in client.session
    # A refused form keeps what was typed.
    refused = client.post("/proconnect/bienvenue/", {"given_name": "Claire", "role": "Cheffe"})
    assert refused.status_code == 400
    assert 'value="Cheffe"' in refused.content.decode()
    assert not User.objects.filter(email=AGENT["email"]).exists()
    response = client.post(
        "/proconnect/bienvenue/",
        {
            "given_name": "Claire",
            "family_name": "Martin",
            "role": "Cheffe de projet accès aux droits",
            "organisation": "Commune d'Exemple",
            "consent": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/mon-profil/"
    user = User.objects.get(username=AGENT["email"])
    assert not user.has_usable_password()
    assert user.groups.filter(name="Membre").exists()
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session["oidc_id_token"].count(".") == 2  # for the logout at the provider
    entry = Coordinator.objects.get(user=user)
    assert (entry.name, entry.territory) == ("Claire Martin", territory)
    assert Invitation.objects.get(email=AGENT["email"]).used_at is not None
    assert ProConnectIdentity.objects.get(sub="agent-1").user == user
    # Next time, straight in.
    client.logout()
    assert sign_in(client, configured, "agent-1")["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_someone_unknown_is_told_how_to_ask_and_their_request_is_stored(client, configured):
    configured.put_user("agent-1", **AGENT)
    response = sign_in(client, configured, "agent-1")
    assert response["Location"] == "/proconnect/bienvenue/"
    page = client.get("/proconnect/bienvenue/").content.decode()
    assert "aucun compte de ce site ne correspond à cette adresse" in page
    assert "sur invitation de l'équipe d'animation" in page
    assert "SIRET 21380185500015" in page
    assert AccessRequest.objects.count() == 0  # nothing stored until the person asks
    refused = client.post("/proconnect/bienvenue/", {"message": "Je coordonne le CCAS."})
    assert refused.status_code == 400
    assert "Choisissez votre territoire." in refused.content.decode()
    assert "Je coordonne le CCAS." in refused.content.decode()
    territory = TerritoryFactory()
    client.post("/proconnect/bienvenue/", {"territory": territory.pk, "message": "CCAS."})
    request = AccessRequest.objects.get()
    assert (request.email, request.given_name, request.usual_name) == (
        AGENT["email"],
        "Claire",
        "Martin",
    )
    assert (request.siret, request.organisation, request.territory) == (
        "21380185500015",
        "Commune d'Exemple",
        territory,
    )
    assert request.status == AccessRequest.PENDING
    assert not User.objects.filter(email__iexact=AGENT["email"]).exists()
    assert "_auth_user_id" not in client.session
    # Asking again updates the one pending request.
    client.post("/proconnect/bienvenue/", {"territory": territory.pk, "message": "Encore."})
    assert AccessRequest.objects.get().message == "Encore."
    assert "est en attente de réponse" in client.get("/proconnect/bienvenue/").content.decode()


def test_the_welcome_page_needs_a_proconnect_sign_in_first(client, configured):
    response = client.get("/proconnect/bienvenue/")
    assert response.status_code == 302 and response["Location"] == "/connexion/"


def test_an_animator_accepts_a_request_in_the_admin_and_the_person_joins(
    client, configured, animator
):
    configured.put_user("agent-1", **AGENT)
    sign_in(client, configured, "agent-1")
    territory = TerritoryFactory()
    client.post("/proconnect/bienvenue/", {"territory": territory.pk})
    request = AccessRequest.objects.get()
    admin = Client()
    admin.force_login(animator)
    listing = admin.get("/admin/demandes-acces/").content.decode()
    assert "Claire Martin" in listing and "21380185500015" in listing
    other = TerritoryFactory()
    response = admin.post(
        f"/admin/demandes-acces/{request.pk}/decision/",
        {"decision": "accept", "territory": other.pk},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.territory) == (
        AccessRequest.ACCEPTED,
        animator,
        other,
    )
    assert [message.to for message in mail.outbox] == [[AGENT["email"]]]
    assert Invitation.objects.get(email=AGENT["email"]).territory == other
    # Deciding twice does nothing more.
    admin.post(f"/admin/demandes-acces/{request.pk}/decision/", {"decision": "refuse"})
    assert AccessRequest.objects.get().status == AccessRequest.ACCEPTED
    # The person signs in again: the invitation waits for them.
    client.logout()
    assert sign_in(client, configured, "agent-1")["Location"] == "/proconnect/bienvenue/"
    assert "Une invitation vous attend" in client.get("/proconnect/bienvenue/").content.decode()


def test_an_animator_refuses_a_request(client, configured, animator):
    configured.put_user("agent-1", **AGENT)
    sign_in(client, configured, "agent-1")
    client.post("/proconnect/bienvenue/", {"territory": TerritoryFactory().pk})
    request = AccessRequest.objects.get()
    admin = Client()
    admin.force_login(animator)
    admin.post(f"/admin/demandes-acces/{request.pk}/decision/", {"decision": "refuse"})
    assert AccessRequest.objects.get().status == AccessRequest.REFUSED
    assert mail.outbox == [] and not Invitation.objects.exists()
    assert "n'a pas été acceptée" in client.get("/proconnect/bienvenue/").content.decode()


def test_members_cannot_decide(member_client):
    assert member_client.get("/admin/demandes-acces/").status_code == 403


def test_animators_may_be_required_to_use_proconnect(client, configured, settings, animator):
    member = make_user("claire", "Membre", email=AGENT["email"])
    settings.PROCONNECT_REQUIRED_FOR_ANIMATORS = True
    page = client.get("/connexion/").content.decode()
    assert "la connexion par mot de passe vous est fermée" in page
    # The right password of an animator is refused, in French, on both login forms.
    for url in ("/connexion/", "/admin/login/"):
        response = client.post(url, {"username": animator.username, "password": "motdepasse-test"})
        assert response.status_code == 200
        assert "Les animateurs et les administrateurs se connectent avec ProConnect" in (
            response.content.decode()
        )
        assert "_auth_user_id" not in client.session
    # A wrong password still says only that it is wrong (nothing learnt about the account).
    response = client.post("/connexion/", {"username": animator.username, "password": "faux"})
    assert "se connectent avec ProConnect" not in response.content.decode()
    # Members keep their password.
    client.post("/connexion/", {"username": "claire", "password": "motdepasse-test"})
    assert int(client.session["_auth_user_id"]) == member.pk
    # A password session an animator still holds ends.
    held = Client()
    held.force_login(animator, backend="proconnect.backends.PasswordBackend")
    assert held.get("/admin/").status_code == 302
    # Through ProConnect the animator gets in.
    animator.email = "animatrice@ville-exemple.fr"
    animator.save()
    configured.put_user("agent-9", **{**AGENT, "email": animator.email})
    browser = Client()
    sign_in(browser, configured, "agent-9")
    assert browser.get("/admin/").status_code == 200


def test_logging_out_ends_the_session_at_the_provider(client, configured, site_tree):
    user = make_user("claire", "Membre", email=AGENT["email"])
    configured.put_user("agent-1", **AGENT)
    sign_in(client, configured, "agent-1")
    id_token = client.session["oidc_id_token"]
    response = client.post("/deconnexion/")
    assert "_auth_user_id" not in client.session
    location = response["Location"]
    assert location.startswith(configured.url + "/oauth2/end_session?")
    assert f"id_token_hint={id_token}" in location
    # The provider checks the hint, ends its session and sends the browser back with the state.
    page = requests.get(location, timeout=5)
    assert page.status_code == 200
    confirm = requests.post(
        configured.url + "/oauth2/end_session/confirm",
        data={"redirect_uri": page.text.split('name="redirect_uri" value="')[1].split('"')[0]},
        allow_redirects=False,
        timeout=5,
    )
    assert configured.record.logouts[-1]["sub"] == "agent-1"
    assert configured.record.logouts[-1]["post_logout_redirect_uri"] == (
        "http://testserver/proconnect/deconnexion/retour/"
    )
    returned = back(client, confirm.headers["Location"].replace("&amp;", "&"))
    assert returned.status_code == 302 and returned["Location"] == "/"
    assert "de ce site et de ProConnect" in client.get("/").content.decode()
    assert user.pk  # the account stays


def test_a_logout_return_with_a_wrong_state(client, configured):
    response = client.get("/proconnect/deconnexion/retour/?state=nimporte")
    assert response.status_code == 400
    assert "Déconnexion de ProConnect non confirmée" in response.content.decode()


def test_a_password_session_logs_out_here_only(client, configured, member):
    client.force_login(member)
    response = client.post("/deconnexion/")
    assert response["Location"] == "/"
    assert configured.record.logouts == []


def test_my_data_shows_the_linked_identity(client, configured):
    make_user("claire", "Membre", email=AGENT["email"])
    configured.put_user("agent-1", **AGENT)
    sign_in(client, configured, "agent-1")
    page = client.get("/mon-profil/").content.decode()
    assert "Identités ProConnect liées à votre compte" in page and "21380185500015" in page
    data = json.loads(client.get("/mon-profil/mes-donnees.json").content)
    identity = data["ProConnect"]["identités liées"][0]
    assert identity["identifiant ProConnect (sub)"] == "agent-1"
    assert identity["SIRET"] == "21380185500015"
    assert identity["organisation"] == "Commune d'Exemple"
