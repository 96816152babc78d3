"""« Mon profil »: see, correct, choose what is visible, download, confirm, delete (RGPD)."""

import datetime
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Revision

from directory.models import Coordinator, confirmation_hide_date
from kb import searchable
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
from tests.conftest import make_user
from tests.factories.directory import CoordinatorFactory
from tests.factories.kb import (
    FicheIndexPageFactory,
    FichePageFactory,
    TerritoryFactory,
    site_home,
)

pytestmark = pytest.mark.django_db
WORD = "Zyxwoplamberte"


@pytest.fixture
def person(db):
    user = make_user("camille@example.org", "Membre", email="camille@example.org")
    coordinator = CoordinatorFactory(
        user=user,
        name=f"Camille {WORD}",
        role="Chargée de mission",
        organisation="CCAS",
        territory=TerritoryFactory(name="Grenoble"),
        email="camille@example.org",
        phone="04 11 22 33 44",
        last_confirmed=timezone.localdate() - datetime.timedelta(days=400),
    )
    browser = Client()
    browser.force_login(user)
    return user, coordinator, browser


def engines():
    found = [DatabaseEngine()]
    if settings.ELASTICSEARCH_URL:
        from search.engines.elasticsearch import ElasticsearchEngine

        found.append(ElasticsearchEngine())
    return found


def members_hits(engine) -> int:
    return engine.search(SearchQuery(text=WORD, members=True)).total


def test_the_header_links_to_my_profile(person, site_tree):
    _, _, browser = person
    assert "Mon profil" in browser.get("/").content.decode()


def test_my_profile_shows_everything_stored_about_me(person):
    user, coordinator, browser = person
    response = browser.get("/mon-profil/")
    assert response.status_code == 200
    html = response.content.decode()
    for value in (user.username, coordinator.name, "04 11 22 33 44", "Grenoble", "CCAS"):
        assert value in html
    assert "non confirmée" in html or "pas été confirmée" in html


def test_my_profile_needs_a_login(client):
    response = client.get("/mon-profil/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_i_correct_my_entry_and_choose_visible_fields(person, member_client):
    _, coordinator, browser = person
    response = browser.post(
        "/mon-profil/",
        {
            "given_name": "Camille",
            "family_name": WORD,
            "role": "Coordinatrice",
            "territory": coordinator.territory_id,
            "organisation": "CCAS",
            "email": "camille@example.org",
            "phone": "04 11 22 33 44",
            "show_phone": "on",
            "show_expertise": "on",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.role == "Coordinatrice"
    assert coordinator.show_phone and not coordinator.show_email
    assert not coordinator.show_organisation
    assert coordinator.last_confirmed == timezone.localdate()
    html = member_client.get("/annuaire/", {"q": WORD}).content.decode()
    assert "04 11 22 33 44" in html
    assert "camille@example.org" not in html


def test_my_logins_are_part_of_my_data(person, client):
    user, _, _ = person
    response = client.post(
        "/connexion/", {"username": user.username, "password": "motdepasse-test"}
    )
    assert response.status_code == 302
    assert "127.0.0.1" in client.get("/mon-profil/").content.decode()
    data = json.loads(client.get("/mon-profil/mes-donnees.json").content)
    assert "127.0.0.1" in [row["adresse IP"] for row in data["connexions (12 derniers mois)"]]


def test_i_download_my_data_as_json(person):
    user, coordinator, browser = person
    response = browser.get("/mon-profil/mes-donnees.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["compte"]["identifiant"] == user.username
    assert data["annuaire"]["téléphone professionnel"] == "04 11 22 33 44"
    assert data["annuaire"]["champs visibles des membres"]["téléphone"] is False


def test_i_confirm_my_entry(person):
    _, coordinator, browser = person
    assert browser.post("/mon-profil/confirmer/").status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.last_confirmed == timezone.localdate()


def test_deleting_needs_the_confirmation_box(person):
    _, coordinator, browser = person
    browser.post("/mon-profil/supprimer/", {})
    assert Coordinator.objects.filter(pk=coordinator.pk).exists()


def test_deleting_my_entry_removes_it_from_directory_search_exports_and_revisions(
    person, django_capture_on_commit_callbacks
):
    _, coordinator, browser = person
    searchable.index_objects([coordinator], at_once=True)
    for engine in engines():
        assert members_hits(engine) == 1, engine
    fiche = FichePageFactory(parent=FicheIndexPageFactory(parent=site_home()))
    fiche.contacts.add(coordinator)
    revision = fiche.save_revision()
    assert coordinator.pk in Revision.objects.get(pk=revision.pk).content["contacts"]

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/mon-profil/supprimer/", {"confirmation": "supprimer"})
    assert response.status_code == 302
    assert not Coordinator.objects.filter(pk=coordinator.pk).exists()
    for engine in engines():
        assert members_hits(engine) == 0, engine
    assert coordinator.pk not in Revision.objects.get(pk=revision.pk).content["contacts"]
    animator = make_user("animatrice-export", "Animateur")
    exporter = Client()
    exporter.force_login(animator)
    assert WORD not in exporter.get("/annuaire/export.csv").content.decode("utf-8-sig")


def test_an_entry_deleted_in_the_admin_leaves_no_revision_trace(person):
    """Administrators delete directory entries (animators may not: README « Rôles »)."""
    _, coordinator, _ = person
    fiche = FichePageFactory(parent=FicheIndexPageFactory(parent=site_home()))
    fiche.contacts.add(coordinator)
    revision = fiche.save_revision()
    admin = Client()
    admin.force_login(make_user("administratrice-test", "Administrateur"))
    response = admin.post(f"/admin/snippets/directory/coordinator/delete/{coordinator.pk}/")
    assert response.status_code == 302
    assert not Coordinator.objects.filter(pk=coordinator.pk).exists()
    assert coordinator.pk not in Revision.objects.get(pk=revision.pk).content["contacts"]


def test_daily_maintenance_drops_entries_hidden_after_15_months_from_search(person):
    _, coordinator, _ = person
    Coordinator.objects.filter(pk=coordinator.pk).update(last_confirmed=timezone.localdate())
    searchable.index_objects([coordinator], at_once=True)
    for engine in engines():
        assert members_hits(engine) == 1, engine
    # Time passes: no save, no signal.
    Coordinator.objects.filter(pk=coordinator.pk).update(
        last_confirmed=confirmation_hide_date() - datetime.timedelta(days=1)
    )
    call_command("rgpd_maintenance", verbosity=0)
    for engine in engines():
        assert members_hits(engine) == 0, engine
    # Confirming brings it back.
    _, _, browser = person
    browser.post("/mon-profil/confirmer/")
    searchable.index_objects([coordinator], at_once=True)
    for engine in engines():
        assert members_hits(engine) == 1, engine
    searchable.forget_object(coordinator, at_once=True)
