"""Essaimage: a territory declares it reused a fiche; the fiche, the territory pages, the
fiche list's « les plus reprises » and search's `reuse` facet show it (both engines)."""

import pytest
from django.test import Client

from essaimage.models import Reuse
from search.engines.base import SearchQuery
from search.service import search
from tests.conftest import make_user
from tests.factories.directory import CoordinatorFactory
from tests.factories.essaimage import ReuseFactory
from tests.factories.kb import FichePageFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def member_of(territory, username: str) -> Client:
    user = make_user(username, "Membre")
    CoordinatorFactory(user=user, territory=territory)
    browser = Client()
    browser.force_login(user)
    return browser


def test_a_member_declares_their_territorys_reuse_once_and_updates_it(
    fiche, reusing_territory, client
):
    browser = member_of(reusing_territory, "reprend")
    url = f"/essaimage/fiche/{fiche.pk}/"
    response = browser.post(url, {"level": "a_l_etude", "note": "On regarde avec le CCAS."})
    assert response.status_code == 302
    browser.post(url, {"level": "mise_en_oeuvre", "note": "Lancé en mars."})
    reuse = Reuse.objects.get(fiche=fiche)
    assert (reuse.territory, reuse.level, reuse.note) == (
        reusing_territory,
        "mise_en_oeuvre",
        "Lancé en mars.",
    )
    # A second member of the same territory edits the same declaration.
    member_of(reusing_territory, "collegue").post(url, {"level": "adaptee", "note": ""})
    assert Reuse.objects.get(fiche=fiche).level == "adaptee"
    page = client.get(fiche.url).content.decode()
    assert "Reprise par 1 territoire" in page and reusing_territory.name in page


def test_a_member_cannot_declare_for_another_territory(fiche, reusing_territory):
    elsewhere = TerritoryFactory(name="Autre territoire")
    browser = member_of(reusing_territory, "reprend")
    browser.post(
        f"/essaimage/fiche/{fiche.pk}/",
        {"level": "adaptee", "territory": elsewhere.slug, "territory_id": elsewhere.pk},
    )
    assert list(Reuse.objects.filter(fiche=fiche).values_list("territory", flat=True)) == [
        reusing_territory.pk
    ]


def test_a_fiches_own_territory_and_members_without_one_cannot_declare(fiche, home_territory):
    own = member_of(home_territory, "origine")
    assert own.post(f"/essaimage/fiche/{fiche.pk}/", {"level": "adaptee"}).status_code == 403
    lone = make_user("sans-territoire", "Membre")
    browser = Client()
    browser.force_login(lone)
    assert browser.post(f"/essaimage/fiche/{fiche.pk}/", {"level": "adaptee"}).status_code == 403
    assert not Reuse.objects.filter(fiche=fiche).exists()


def test_a_bad_level_is_refused_with_a_french_message_and_the_note_kept(fiche, reusing_territory):
    browser = member_of(reusing_territory, "reprend")
    response = browser.post(
        f"/essaimage/fiche/{fiche.pk}/", {"level": "n-importe", "note": "Ma note gardée"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ma note gardée" in page and "Sélectionnez un choix valide" in page
    assert not Reuse.objects.filter(fiche=fiche).exists()


def test_withdrawing_a_declaration(fiche, reusing_territory):
    ReuseFactory(fiche=fiche, territory=reusing_territory)
    member_of(reusing_territory, "reprend").post(
        f"/essaimage/fiche/{fiche.pk}/", {"action": "retirer"}
    )
    assert not Reuse.objects.filter(fiche=fiche).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, fiche):
    response = client.post(f"/essaimage/fiche/{fiche.pk}/", {"level": "adaptee"})
    assert response["Location"].startswith("/connexion/")
    assert not Reuse.objects.filter(fiche=fiche).exists()


def test_territory_pages_list_what_they_reused_and_what_others_reused_from_them(
    client, fiche, home_territory, reusing_territory
):
    ReuseFactory(fiche=fiche, territory=reusing_territory, level="mise_en_oeuvre")
    reused = client.get(f"/territoires/{reusing_territory.slug}/").content.decode()
    assert "Pratiques reprises par" in reused and fiche.title in reused
    origin = client.get(f"/territoires/{home_territory.slug}/").content.decode()
    assert "Ses pratiques reprises ailleurs" in origin and reusing_territory.name in origin


def test_the_fiche_list_sorts_the_most_reused_first(client, site_tree, home_territory):
    index = site_tree.fiches
    quiet = FichePageFactory(
        parent=index, title="Aaa pratique discrète", territories=[home_territory]
    )
    popular = FichePageFactory(
        parent=index, title="Zzz pratique reprise", territories=[home_territory]
    )
    for number in range(3):
        ReuseFactory(fiche=popular, territory=TerritoryFactory(name=f"Reprend {number}"))
    ReuseFactory(fiche=quiet, territory=TerritoryFactory(name="Reprend encore"))
    page = client.get(f"/fiches/?territory={home_territory.slug}&sort=reprises").content.decode()
    assert page.index(popular.title) < page.index(quiet.title)
    by_title = client.get(f"/fiches/?territory={home_territory.slug}").content.decode()
    assert by_title.index(quiet.title) < by_title.index(popular.title)
    assert client.get("/fiches/?sort=inconnu").status_code == 400


def test_search_has_a_reuse_facet_on_both_engines(
    site_tree, fiche, reusing_territory, django_capture_on_commit_callbacks
):
    word = "quuxiens"
    other = FichePageFactory(
        parent=site_tree.fiches, title=f"Autre pratique {word}", territories=[]
    )
    browser = member_of(reusing_territory, "reprend")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            fiche.save_revision().publish()
            other.save_revision().publish()
            browser.post(f"/essaimage/fiche/{fiche.pk}/", {"level": "adaptee"})
        reused = search(SearchQuery(text=word, filters={"reuse": ("reprise",)}))
        assert [hit.title for hit in reused.hits] == [fiche.title]
        not_reused = search(SearchQuery(text=word, filters={"reuse": ("non_reprise",)}))
        assert [hit.title for hit in not_reused.hits] == [other.title]
        counts = {v.value: v.count for v in search(SearchQuery(text=word)).facets["reuse"]}
        assert counts == {"reprise": 1, "non_reprise": 1}
        with django_capture_on_commit_callbacks(execute=True):
            browser.post(f"/essaimage/fiche/{fiche.pk}/", {"action": "retirer"})
        counts = {v.value: v.count for v in search(SearchQuery(text=word)).facets["reuse"]}
        assert counts == {"non_reprise": 2}
    finally:
        with django_capture_on_commit_callbacks(execute=True):
            fiche.delete()
            other.delete()


def test_a_declaration_needs_its_csrf_token(fiche, reusing_territory):
    user = make_user("reprend-csrf", "Membre")
    CoordinatorFactory(user=user, territory=reusing_territory)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.post(f"/essaimage/fiche/{fiche.pk}/", {"level": "adaptee"}).status_code == 403
    assert not Reuse.objects.filter(fiche=fiche).exists()
