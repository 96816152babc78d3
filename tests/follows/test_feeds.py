"""Atom feeds per follow and per alert, behind a per-member secret; read back by feedparser."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from follows.services import feed_token_get, feed_token_reset
from kb import searchable
from tests.conftest import make_user
from tests.factories.follows import FollowFactory, SavedSearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def test_a_follow_feed_is_valid_atom_and_members_only_items_stay_in_members_feeds(
    client, member, axis, make_fiche, settings
):
    settings.SITE_URL = "https://communaute.example.org"
    outsider = make_user("externe")
    make_fiche(title="Pour les membres", members_only=True)
    public = make_fiche(title="Pour tout le monde")
    make_fiche(title="Trop ancienne", at=timezone.now() - datetime.timedelta(days=60))
    feeds = {}
    for user in (member, outsider):
        follow = FollowFactory(user=user, kind="axis", key=axis.slug)
        token = feed_token_get(user=user)
        feeds[user] = read(client, f"/flux/{token.key}/suivi-{follow.pk}.atom")
    titles = {user: [entry.title for entry in feed.entries] for user, feed in feeds.items()}
    assert sorted(titles[member]) == ["Pour les membres", "Pour tout le monde"]
    assert titles[outsider] == ["Pour tout le monde"]
    entry = feeds[outsider].entries[0]
    assert entry.link == f"https://communaute.example.org{public.url}"
    assert entry.id and entry.updated_parsed
    assert feeds[member].feed.title == "Suivi : l'axe Axe suivi"


def test_an_alert_feed_lists_new_matching_content(client, member, make_fiche):
    matching = make_fiche(title="Caravane des droits")
    other = make_fiche(title="Permanence numérique")
    searchable.index_objects([matching, other], at_once=True)
    alert = SavedSearchFactory(user=member, name="Caravanes", text="caravane")
    token = feed_token_get(user=member)
    feed = read(client, f"/flux/{token.key}/alerte-{alert.pk}.atom")
    assert [entry.title for entry in feed.entries] == ["Caravane des droits"]
    assert feed.feed.title == "Alerte : Caravanes"


def test_resetting_the_token_revokes_every_feed_address(client, member, axis):
    follow = FollowFactory(user=member, kind="axis", key=axis.slug)
    old = feed_token_get(user=member).key
    assert client.get(f"/flux/{old}/suivi-{follow.pk}.atom").status_code == 200
    new = feed_token_reset(user=member).key
    assert new != old
    assert client.get(f"/flux/{old}/suivi-{follow.pk}.atom").status_code == 404
    assert client.get(f"/flux/{new}/suivi-{follow.pk}.atom").status_code == 200


def test_a_token_opens_only_its_owners_feeds(client, member, axis):
    other = make_user("autre")
    follow = FollowFactory(user=other, kind="axis", key=axis.slug)
    token = feed_token_get(user=member).key
    assert client.get(f"/flux/{token}/suivi-{follow.pk}.atom").status_code == 404
    assert client.get(f"/flux/pas-un-jeton/suivi-{follow.pk}.atom").status_code == 404


def test_the_reset_button_on_my_subscriptions_page(member_client, member):
    old = feed_token_get(user=member).key
    member_client.post("/mon-profil/abonnements/flux/reinitialiser/")
    assert feed_token_get(user=member).key != old
