"""Suggestions respect the audience: "did you mean" and title completion never offer a visitor
a members-only word, such as the name of a person in the directory."""

import pytest
from django.conf import settings
from django.test import Client

from directory.models import Coordinator
from kb.models import Territory
from search.engines.base import SearchQuery
from search.indexing import sync_keys

pytestmark = pytest.mark.usefixtures("demo")

FIRST_NAME, SURNAME = "Béatrice", "Quarvendol"


@pytest.fixture
def directory_person(db):
    """A real directory entry, indexed by both engines like any other (members only)."""
    coordinator = Coordinator.objects.create(
        territory=Territory.objects.get(slug="grenoble"),
        name=f"{FIRST_NAME} {SURNAME}",
        role="Coordinatrice TZNR",
        organisation="CCAS",
    )
    key = f"coordinator:{coordinator.pk}"
    sync_keys([key])
    yield coordinator
    coordinator.delete()  # the rollback would not reach Elasticsearch
    sync_keys([key])


def test_did_you_mean_offers_directory_names_to_members_only(engine, directory_person):
    member = engine.search(SearchQuery(text="beatrise", members=True))
    assert member.total == 0
    assert "béatrice" in member.suggestion  # the word is there to be found
    for typo, word in (("beatrise", "béatrice"), ("quarvendal", "quarvendol")):
        visitor = engine.search(SearchQuery(text=typo))
        assert word not in visitor.suggestion.lower(), engine.name


def test_completion_offers_directory_names_to_members_only(engine, directory_person):
    assert directory_person.name in engine.autocomplete("quarv", members=True)
    assert engine.autocomplete("quarv", members=False) == []
    assert directory_person.name not in engine.autocomplete("béatr", members=False)


def test_anonymous_api_never_suggests_a_directory_name(directory_person, member_client):
    expected_engine = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    visitor = Client().get("/api/search/", {"q": "beatrise"}).json()
    assert visitor["engine"] == expected_engine
    assert "béatrice" not in visitor["suggestion"].lower()
    member = member_client.get("/api/search/", {"q": "beatrise"}).json()
    assert member["engine"] == expected_engine
    assert "béatrice" in member["suggestion"].lower()
    completion = Client().get("/api/search/suggestions/", {"q": "quarv"}).json()
    assert completion["suggestions"] == []
    assert member_client.get("/api/search/suggestions/", {"q": "quarv"}).json()["suggestions"]
