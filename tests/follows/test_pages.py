"""« Suivre », « Mes abonnements », « Créer une alerte », the home page and « Mon profil »."""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from follows import services
from follows.models import DigestEmail, Follow, Frequency, SavedSearch
from kb.models import TerritoryIndexPage
from tests.factories.follows import FollowFactory, SavedSearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


def test_a_member_follows_a_territory_from_its_page_and_stops(member_client, member, territory):
    url = TerritoryIndexPage.url_for_territory(territory)
    page = member_client.get(url).content.decode()
    assert "Suivre le territoire Territoire suivi" in page
    response = member_client.post(
        "/mon-profil/abonnements/suivre/",
        {"kind": "territory", "key": territory.slug, "action": "follow", "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    follow = Follow.objects.get(user=member)
    assert (follow.kind, follow.key, follow.frequency) == ("territory", territory.slug, "daily")
    assert (
        "Ne plus suivre le territoire Territoire suivi" in member_client.get(url).content.decode()
    )
    member_client.post(
        "/mon-profil/abonnements/suivre/",
        {"kind": "territory", "key": territory.slug, "action": "stop", "next": url},
    )
    assert not Follow.objects.filter(user=member).exists()


def test_axis_tag_and_fiche_pages_offer_to_follow(member_client, axis, make_fiche):
    fiche = make_fiche(title="Fiche à suivre", tags=["coffre-fort"])
    page = member_client.get(fiche.url).content.decode()
    assert "Suivre la fiche" in page and "Suivre l&#x27;axe Axe suivi" in page
    listing = member_client.get(f"/fiches/?axis={axis.slug}").content.decode()
    assert "Suivre l&#x27;axe Axe suivi" in listing
    search = member_client.get("/recherche/?tag=coffre-fort").content.decode()
    assert "Suivre le mot-clé coffre-fort" in search and "Créer une alerte" in search


def test_anonymous_visitors_are_asked_to_sign_in_to_follow(client, territory):
    page = client.get(TerritoryIndexPage.url_for_territory(territory)).content.decode()
    assert "Se connecter pour suivre le territoire" in page
    response = client.post("/mon-profil/abonnements/suivre/", {"kind": "territory", "key": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_following_something_that_does_not_exist_is_refused_in_french(member_client, member):
    response = member_client.post(
        "/mon-profil/abonnements/suivre/",
        {
            "kind": "territory",
            "key": "nulle-part",
            "action": "follow",
            "next": "https://evil.example/",
        },
        follow=True,
    )
    assert response.redirect_chain[0][0] == "/mon-profil/abonnements/"  # no open redirect
    assert "n&#x27;existe pas ou ne peut pas être suivi" in response.content.decode()
    assert not Follow.objects.filter(user=member).exists()


def test_subscriptions_page_changes_a_frequency_and_refuses_a_bad_one(
    member_client, member, territory
):
    follow = FollowFactory(user=member, kind="territory", key=territory.slug)
    page = member_client.get("/mon-profil/abonnements/").content.decode()
    assert "le territoire Territoire suivi" in page and "Hebdomadaire" in page
    member_client.post(
        f"/mon-profil/abonnements/suivis/{follow.pk}/", {"frequency": "weekly", "action": "save"}
    )
    follow.refresh_from_db()
    assert follow.frequency == Frequency.WEEKLY
    before = follow.since
    response = member_client.post(
        f"/mon-profil/abonnements/suivis/{follow.pk}/",
        {"frequency": "horaire", "action": "save"},
        follow=True,
    )
    assert "Choisissez une fréquence de la liste." in response.content.decode()
    follow.refresh_from_db()
    assert (follow.frequency, follow.since) == (Frequency.WEEKLY, before)


def test_a_member_cannot_touch_another_members_follow(member_client, territory):
    other = User.objects.create_user("autre", password="x")
    follow = FollowFactory(user=other, kind="territory", key=territory.slug)
    response = member_client.post(
        f"/mon-profil/abonnements/suivis/{follow.pk}/", {"action": "stop"}
    )
    assert response.status_code == 404 and Follow.objects.filter(pk=follow.pk).exists()


def test_creating_an_alert_keeps_the_query_and_every_facet(member_client, member, axis):
    params = urlencode(
        {"q": "aller vers", "axis": [axis.slug, "numerique"], "kind": "fiche", "year": "2024"},
        doseq=True,
    )
    search = member_client.get(f"/recherche/?{params}").content.decode()
    assert "/mon-profil/abonnements/alertes/nouvelle/?" in search
    form = member_client.get(f"/mon-profil/abonnements/alertes/nouvelle/?{params}")
    assert form.status_code == 200 and 'value="aller vers"' in form.content.decode()
    refused = member_client.post(
        "/mon-profil/abonnements/alertes/nouvelle/",
        {"name": "   ", "frequency": "weekly", "params": params},
    )
    assert refused.status_code == 400
    assert "Donnez un nom à votre alerte." in refused.content.decode()
    assert 'name="params"' in refused.content.decode()
    assert not SavedSearch.objects.filter(user=member).exists()
    member_client.post(
        "/mon-profil/abonnements/alertes/nouvelle/",
        {"name": "Aller vers", "frequency": "weekly", "params": params},
    )
    saved = SavedSearch.objects.get(user=member)
    assert (saved.name, saved.text, saved.frequency) == ("Aller vers", "aller vers", "weekly")
    assert saved.filters == {"axis": [axis.slug, "numerique"], "kind": ["fiche"], "year": ["2024"]}


def test_a_member_over_the_limits_is_told_so_in_french_and_keeps_what_was_typed(
    member_client, member, axis, territory, monkeypatch
):
    """Each follow and alert costs every digest run: a member holds a bounded number."""
    monkeypatch.setattr(services, "MAX_FOLLOWS", 1)
    monkeypatch.setattr(services, "MAX_SAVED_SEARCHES", 1)
    url = TerritoryIndexPage.url_for_territory(territory)
    FollowFactory(user=member, kind="axis", key=axis.slug)
    response = member_client.post(
        "/mon-profil/abonnements/suivre/",
        {"kind": "territory", "key": territory.slug, "action": "follow", "next": url},
        follow=True,
    )
    assert "Vous suivez déjà 1 contenus : arrêtez-en un d&#x27;abord." in (
        response.content.decode()
    )
    assert list(Follow.objects.filter(user=member).values_list("kind", flat=True)) == ["axis"]

    SavedSearchFactory(user=member)
    refused = member_client.post(
        "/mon-profil/abonnements/alertes/nouvelle/",
        {"name": "Ma deuxième alerte", "frequency": "weekly", "params": "q=caravane"},
    )
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Vous avez déjà 1 alertes : supprimez-en une d&#x27;abord." in page
    assert (
        'value="Ma deuxième alerte"' in page
        and SavedSearch.objects.filter(user=member).count() == 1
    )


def test_a_bad_search_cannot_become_an_alert(member_client):
    response = member_client.get("/mon-profil/abonnements/alertes/nouvelle/?page=abc")
    assert response.status_code == 400
    assert "Cette recherche n'est pas valide" in response.content.decode()


def test_home_page_shows_what_is_new_since_the_last_visit(member, axis, make_fiche):
    browser = Client()
    credentials = {"username": member.username, "password": "motdepasse-test"}
    assert browser.post("/connexion/", credentials).status_code == 302  # a first visit
    FollowFactory(user=member, kind="axis", key=axis.slug)
    make_fiche(title="Nouvelle fiche suivie", at=timezone.now())
    make_fiche(title="Fiche d'avant", at=timezone.now() - datetime.timedelta(days=40))
    browser.post("/deconnexion/")
    assert browser.post("/connexion/", credentials).status_code == 302  # the next one
    page = browser.get("/").content.decode()
    news = page[page.index('id="nouveau-depuis"') :]
    news = news[: news.index("</section>")]
    assert "Nouvelle fiche suivie" in news and "Fiche d&#x27;avant" not in news
    assert "parce que vous suivez l&#x27;axe Axe suivi" in news


def test_home_page_has_no_such_section_for_anonymous_visitors(client):
    assert "Nouveau depuis votre dernière visite" not in client.get("/").content.decode()


def test_my_profile_and_its_download_list_follows_and_alerts(member_client, member, territory):
    FollowFactory(user=member, kind="territory", key=territory.slug, frequency="weekly")
    SavedSearchFactory(user=member, name="Mes caravanes", text="caravane")
    page = member_client.get("/mon-profil/").content.decode()
    assert "le territoire Territoire suivi" in page and "Alerte « Mes caravanes »" in page
    data = json.loads(member_client.get("/mon-profil/mes-donnees.json").content)
    assert data["abonnements"]["suivis"][0]["contenu"] == "le territoire Territoire suivi"
    assert data["abonnements"]["suivis"][0]["fréquence"] == "Hebdomadaire"
    assert data["abonnements"]["alertes"][0]["nom"] == "Mes caravanes"


def test_deleting_an_account_deletes_its_follows_alerts_and_pending_digests(member, territory):
    FollowFactory(user=member, kind="territory", key=territory.slug)
    SavedSearchFactory(user=member)
    now = timezone.now()
    DigestEmail.objects.create(
        user=member,
        frequency="daily",
        period_start=now,
        period_end=now,
        subject="s",
        text="t",
        html="h",
    )
    pk = member.pk
    member.delete()
    assert not Follow.objects.filter(user_id=pk).exists()
    assert not SavedSearch.objects.filter(user_id=pk).exists()
    assert not DigestEmail.objects.filter(user_id=pk).exists()
