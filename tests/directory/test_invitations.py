"""Accounts by invitation: one link per address, valid 7 days, usable once."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from directory.models import Coordinator, Invitation
from kb.models import Territory
from tests.factories.kb import TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def territory():
    return TerritoryFactory(slug="territoire-invite")


def invite(browser, **data):
    territory = Territory.objects.get(slug="territoire-invite")
    return browser.post("/annuaire/inviter/", {"territory": territory.pk, **data})


def link_in(message) -> str:
    return re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)


def accept(link, **extra) -> int:
    path = link.split("testserver", 1)[1]
    data = {
        "given_name": "Dominique",
        "family_name": "Nouvelle",
        "role": "Coordinatrice",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "consent": "on",
        **extra,
    }
    return Client().post(path, data).status_code


def test_an_animator_invites_by_email_and_the_invitee_joins(animator_client):
    response = invite(animator_client, emails="dominique@example.org")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    assert Client().get(link.split("testserver", 1)[1]).status_code == 200
    assert accept(link) == 302
    user = User.objects.get(username="dominique@example.org")
    assert user.groups.filter(name="Membre").exists()
    entry = Coordinator.objects.get(user=user)
    assert entry.territory.slug == "territoire-invite"
    assert entry.email == "dominique@example.org"
    browser = Client()
    assert (
        browser.post(
            "/connexion/",
            {"username": "dominique@example.org", "password": "un-mot-de-passe-solide-42"},
        ).status_code
        == 302
    )
    assert browser.get("/annuaire/").status_code == 200


def test_an_invitation_works_only_once(animator_client):
    invite(animator_client, emails="once@example.org")
    link = link_in(mail.outbox[0])
    assert accept(link) == 302
    assert accept(link, family_name="Autre") == 410
    assert Client().get(link.split("testserver", 1)[1]).status_code == 410
    assert Coordinator.objects.filter(email="once@example.org").count() == 1


def test_an_invitation_expires_after_7_days(animator_client):
    invite(animator_client, emails="late@example.org")
    link = link_in(mail.outbox[0])
    invitation = Invitation.objects.get(email="late@example.org")
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert accept(link) == 410
    assert not User.objects.filter(username="late@example.org").exists()


def test_an_animator_invites_a_csv_list(animator_client):
    upload = SimpleUploadedFile(
        "liste.csv", b"courriel;nom\na@example.org;A\nb@example.org;B\n", "text/csv"
    )
    response = invite(animator_client, csv_file=upload)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]


def test_a_bad_address_is_refused_with_a_french_message(animator_client):
    response = invite(animator_client, emails="pas-une-adresse")
    assert response.status_code == 400
    assert "Adresses non valides" in response.content.decode()
    assert not Invitation.objects.exists()


def test_members_cannot_invite(member_client):
    assert member_client.get("/annuaire/inviter/").status_code == 403
    assert invite(member_client, emails="x@example.org").status_code == 403


def test_there_is_no_self_registration(client):
    for path in ("/inscription/", "/register/", "/accounts/signup/"):
        assert client.get(path).status_code == 404
