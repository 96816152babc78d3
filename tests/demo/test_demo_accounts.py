"""Demo accounts: exactly their group's permissions, and never made where they do not belong.

Their passwords are published in the README: `load_demo` creates them only on a development
database (debug on, no real account yet) or when `--with-accounts` asks for them.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from demo import questions as demo_questions
from demo.management.commands.load_demo import DEMO_ACCOUNTS
from directory.models import Coordinator
from events.models import EventPage
from kb.models import FichePage, StandardPage
from kb.services import MEMBERS_COLLECTION
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
DEMO_USERNAMES = [username for username, _, _ in DEMO_ACCOUNTS]


def signed_in(username: str, password: str) -> Client:
    """Through the login form, with the published password, as a visitor of the demo would."""
    browser = Client()
    response = browser.post("/connexion/", {"username": username, "password": password})
    assert response.status_code == 302, "the demo password signs in"
    return browser


def test_demo_accounts_have_exactly_their_groups_permissions():
    for username, _, group in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert not user.is_superuser and not user.is_staff, username
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.user_permissions.exists()


def test_the_demo_animator_does_what_the_readme_says_with_its_group_alone():
    browser = signed_in("animateur", "animateur-demo")
    fiche = FichePage.objects.live().first()
    event = EventPage.objects.live().filter(registration_enabled=True).first()
    collection = Collection.objects.get(name=MEMBERS_COLLECTION)
    for path in (
        "/admin/",
        f"/admin/pages/{fiche.pk}/edit/",
        f"/admin/pages/add/kb/fichepage/{fiche.get_parent().pk}/",
        "/admin/documents/add/",
        "/admin/images/add/",
        "/admin/collections/",
        f"/admin/collections/{collection.pk}/",
        f"/admin/snippets/directory/coordinator/edit/{Coordinator.objects.first().pk}/",
        "/annuaire/inviter/",
        "/annuaire/export.csv",
        f"{event.url}inscrits/",
    ):
        assert browser.get(path).status_code == 200, path
    # Publishing a page, through the admin's own form.
    page = StandardPage.objects.live().first()
    data = nested_form_data(
        {
            "title": "Mentions légales (révisées)",
            "slug": page.slug,
            "body": streamfield([]),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-publish": "publish",
        }
    )
    response = browser.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).title == "Mentions légales (révisées)"
    # What is for administrators only stays out of reach.
    assert browser.get("/admin/users/").status_code == 302
    assert not User.objects.get(username="animateur").has_perm("kb.delete_coordinator")


def test_the_demo_member_reads_members_only_content_and_has_no_admin():
    browser = signed_in("membre", "membre-demo")
    assert browser.get("/annuaire/").status_code == 200
    assert browser.get("/admin/").status_code == 403


def drop_demo_accounts() -> None:
    User.objects.filter(username__in=DEMO_USERNAMES).delete()


def test_no_demo_account_without_debug(settings, capsys):
    drop_demo_accounts()
    settings.DEBUG = False
    call_command("load_demo")
    assert not User.objects.filter(username__in=DEMO_USERNAMES).exists()
    assert "DJANGO_DEBUG" in capsys.readouterr().err


def test_no_demo_account_where_real_accounts_exist_even_in_debug(settings, capsys):
    drop_demo_accounts()
    make_user("vraie.personne@example.org", "Membre")
    settings.DEBUG = True
    call_command("load_demo")
    assert not User.objects.filter(username__in=DEMO_USERNAMES).exists()
    assert "vrais comptes" in capsys.readouterr().err


def test_the_demo_authors_are_not_real_accounts(settings):
    """The demo's question authors (no password) do not stop a rerun from making the accounts."""
    drop_demo_accounts()
    assert User.objects.filter(username__in=demo_questions.usernames()).exists()
    settings.DEBUG = True
    call_command("load_demo")
    assert User.objects.filter(username__in=DEMO_USERNAMES).count() == len(DEMO_USERNAMES)


def test_demo_accounts_on_a_fresh_development_database_or_when_asked(settings):
    User.objects.all().delete()
    settings.DEBUG = True
    call_command("load_demo")
    assert set(User.objects.values_list("username", flat=True)) == {
        *DEMO_USERNAMES,
        *demo_questions.usernames(),
    }

    drop_demo_accounts()
    make_user("vraie.personne@example.org", "Membre")
    settings.DEBUG = False
    call_command("load_demo", with_accounts=True)
    assert User.objects.filter(username__in=DEMO_USERNAMES).count() == len(DEMO_USERNAMES)


def test_an_older_demo_animator_loses_its_superuser_flag(settings):
    User.objects.filter(username="animateur").update(is_superuser=True, is_staff=True)
    User.objects.get(username="animateur").groups.add(Group.objects.get(name="Administrateur"))
    call_command("load_demo", with_accounts=True)
    animator = User.objects.get(username="animateur")
    assert not animator.is_superuser and not animator.is_staff
    assert list(animator.groups.values_list("name", flat=True)) == ["Animateur"]
