"""Animators see and export the registrations; nobody else does."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from events.registrations.services import registration_register
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def event_with_registrations(make_event):
    event = make_event(title="Plénière d'hiver", registration_enabled=True, capacity=1)
    first = make_user("lea", "Membre", email="lea@example.org", first_name="Léa", last_name="Roux")
    second = make_user("max", "Membre", email="=cmd|calc@example.org", last_name="+Martin")
    registration_register(event=event, user=first)
    registration_register(event=event, user=second)
    return event


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_animator_sees_the_list_and_exports_it_as_csv(event_with_registrations):
    animator = make_user("anim", "Animateur")  # in the group, not staff
    client = browser(animator)
    page = client.get(event_with_registrations.url + "inscrits/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "lea@example.org" in content and "Liste d" in content
    response = client.get(event_with_registrations.url + "inscrits/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="inscrits-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Statut", "Rang", "Nom", "Prénom", "Identifiant", "Courriel", "Inscrit le"]
    assert rows[1][:6] == ["Inscrit", "1", "Roux", "Léa", "lea", "lea@example.org"]
    assert rows[2][0] == "Liste d'attente"
    # spreadsheet formulas are neutralised
    assert rows[2][2] == "'+Martin" and rows[2][5] == "'=cmd|calc@example.org"


def test_staff_allowed_to_edit_events_may_export(event_with_registrations):
    editor = make_user("editeur", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_eventpage"))
    assert browser(editor).get(event_with_registrations.url + "inscrits/export/").status_code == 200


@pytest.mark.parametrize("who", ["member", "outsider", "staff_without_permission"])
def test_nobody_else_sees_the_list(event_with_registrations, member, outsider, who):
    user = {
        "member": member,
        "outsider": outsider,
        "staff_without_permission": make_user("staff", is_staff=True),
    }[who]
    client = browser(user)
    assert client.get(event_with_registrations.url + "inscrits/").status_code == 403
    assert client.get(event_with_registrations.url + "inscrits/export/").status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, event_with_registrations):
    response = client.get(event_with_registrations.url + "inscrits/export/")
    assert response.status_code == 302 and "/connexion/" in response["Location"]
