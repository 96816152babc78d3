"""Password spraying and reset floods are stopped with a French 429 page.

django-axes locks a username from one address after 5 failures; a limit per client address
across usernames stops a sprayer who tries two passwords on each of 18 accounts, and
password-reset requests are limited per e-mail and per address, so a mailbox cannot be
flooded. The counters live in the default cache (infra/throttle.py).
"""

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SPRAYER = "203.0.113.7"
NEIGHBOUR = "198.51.100.4"


def login(client, username, password, ip=SPRAYER):
    return client.post("/connexion/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_password_spraying_from_one_address_is_stopped(settings):
    assert settings.TZNR_LOGIN_IP_FAILURE_LIMIT == 20
    accounts = [make_user(f"pulverise-{n:02d}", "Membre") for n in range(18)]
    client = Client()
    answers = [
        login(client, user.username, password).status_code
        for user in accounts
        for password in ("Printemps2024!", "Azerty123")
    ]
    assert answers[:20] == [200] * 20  # the form says the password is wrong
    assert answers[20:] == [429] * 16
    refused = login(client, accounts[0].username, "motdepasse-test")  # even a right password
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Trop de tentatives de connexion ont échoué depuis votre adresse" in page
    assert "Réessayez dans 15 minutes" in page
    assert refused["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # Someone else, elsewhere, is not affected.
    assert login(Client(), accounts[0].username, "motdepasse-test", ip=NEIGHBOUR).status_code == 302


@pytest.mark.parametrize("url", ["/admin/login/", "/_util/login/"])
def test_every_login_form_is_limited_too(settings, url):
    settings.TZNR_LOGIN_IP_FAILURE_LIMIT = 3
    client = Client()
    for number in range(3):
        client.post(url, {"username": f"x{number}", "password": "y"}, REMOTE_ADDR=SPRAYER)
    response = client.post(url, {"username": "x", "password": "y"}, REMOTE_ADDR=SPRAYER)
    assert response.status_code == 429


def reset(client, email, ip=SPRAYER, url="/mot-de-passe/oublie/"):
    return client.post(url, {"email": email}, REMOTE_ADDR=ip)


def test_fifteen_resets_for_one_address_send_three_mails(member):
    member.email = "cible@example.org"
    member.save()
    client = Client()
    answers = [reset(client, "cible@example.org").status_code for _ in range(15)]
    assert answers == [302] * 3 + [429] * 12
    assert len(mail.outbox) == 3
    page = reset(client, "CIBLE@example.org ", ip=NEIGHBOUR)  # same address, written otherwise
    assert page.status_code == 429
    assert "Trop de demandes de réinitialisation" in page.content.decode()
    assert len(mail.outbox) == 3


def test_resets_from_one_address_are_limited_across_emails(settings):
    assert settings.TZNR_PASSWORD_RESET_PER_IP == 10
    for n in range(5):
        make_user(f"reset-{n}", "Membre", email=f"reset-{n}@example.org")
    client = Client()
    answers = [reset(client, f"reset-{n % 5}-{n}@example.org").status_code for n in range(10)]
    assert answers == [302] * 10
    assert reset(client, "reset-0@example.org").status_code == 429
    assert mail.outbox == []  # none of the guessed addresses existed
    assert reset(Client(), "reset-0@example.org", ip=NEIGHBOUR).status_code == 302
    assert len(mail.outbox) == 1


def test_the_admin_password_reset_shares_the_limits(member):
    member.email = "admin-cible@example.org"
    member.save()
    client = Client()
    for _ in range(3):
        reset(client, member.email)
    answer = reset(client, member.email, url="/admin/password_reset/")
    assert answer.status_code == 429
