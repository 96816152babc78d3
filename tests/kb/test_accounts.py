"""Login, logout and password reset: DSFR pages, in French."""

import re

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_header_has_a_logout_button_posting_a_form(member_client, site_tree):
    html = member_client.get("/").content.decode()
    form = re.search(r'<form method="post" action="/deconnexion/">.*?</form>', html, re.S)
    assert form is not None
    assert "Se déconnecter" in form.group(0)
    assert member_client.post("/deconnexion/").status_code == 302
    assert member_client.get("/mon-profil/").status_code == 302


def test_a_wrong_password_is_refused_in_french(client, member):
    response = client.post("/connexion/", {"username": member.username, "password": "non"})
    assert response.status_code == 200
    assert "fr-alert--error" in response.content.decode()


def test_password_reset_sends_a_single_use_link(member):
    member.email = "membre-test@example.org"
    member.save()
    browser = Client()
    response = browser.post("/mot-de-passe/oublie/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body).group(1)
    form_url = browser.get(path, follow=True).redirect_chain[-1][0]
    new = "un-nouveau-mot-de-passe-42"
    done = browser.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert (
        Client().post("/connexion/", {"username": member.username, "password": new}).status_code
        == 302
    )
    # The link does not work twice.
    again = Client().get(path, follow=True)
    assert "n'est plus valable" in again.content.decode()
