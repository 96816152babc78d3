"""The JSON API and the search page: parameters checked, engine named, failures absorbed."""

import html
import re

import pytest
from django.test import override_settings

from kb.models import Axis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

DOWN = "http://127.0.0.1:9"  # nothing listens on the discard port


def test_api_answers_the_documented_shape(client):
    data = client.get("/api/search/", {"q": "caravane", "kind": "fiche"}).json()
    assert set(data) >= {"total", "page", "hits", "facets", "engine"}
    assert data["total"] >= 2 and data["page"] == 1
    assert set(data["hits"][0]) == {"title", "url", "kind", "date", "snippet", "time"}
    assert all(hit["kind"] == "fiche" for hit in data["hits"])
    kind = {v["value"]: v for v in data["facets"]["kind"]}
    assert kind["fiche"]["selected"] is True and kind["fiche"]["label"] == "Fiche pratique"
    assert data["engine"] in {"database", "elasticsearch"}


def test_api_facet_labels_come_from_the_vocabularies(client):
    data = client.get("/api/search/", {"axis": "echange-de-donnees"}).json()
    labels = {v["value"]: v["label"] for v in data["facets"]["axis"]}
    assert labels["echange-de-donnees"] == Axis.objects.get(slug="echange-de-donnees").name


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "0"}, {"page": "100000"}, {"sort": "au-hasard"}]
)
def test_api_refuses_a_malformed_parameter_with_a_french_message(client, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert "page" in response.json()["error"] or "tri" in response.json()["error"]


def test_api_unknown_facet_value_matches_nothing(client):
    data = client.get("/api/search/", {"territory": "atlantide"}).json()
    assert data["total"] == 0 and data["hits"] == []


@pytest.mark.parametrize(
    "q",
    ['"(aller', "a" * 10_000, "RSA AND (", "]]]{{{", "*:*", "<script>alert(1)</script>"],
)
def test_hostile_queries_never_error(client, q):
    """(A NUL byte is refused with a French 400 before the search: tests/security/
    test_hostile_input.py.)"""
    assert client.get("/api/search/", {"q": q}).status_code == 200
    assert client.get("/recherche/", {"q": q}).status_code == 200


def test_search_page_shows_facets_counts_and_highlights(client):
    response = client.get("/recherche/", {"q": "caravane"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in content and "Type de contenu" in content
    assert 'name="kind" value="fiche"' in content
    assert 'name="robots" content="noindex"' in content


def test_search_page_checkboxes_carry_the_api_counts_with_their_own_labels(client):
    params = {"q": "droits", "kind": "fiche"}
    facets = client.get("/api/search/", params).json()["facets"]
    content = client.get("/recherche/", params).content.decode()
    boxes = re.findall(
        r'<input type="checkbox" id="([^"]+)" name="([^"]+)" value="([^"]*)"(?: checked)?>\s*'
        r'<label class="fr-label" for="([^"]+)">[^<]*<span class="tznr-count">\((\d+)\)</span>',
        content,
    )
    expected = [
        (name, value["value"], value["count"])
        for name, values in facets.items()
        for value in values
    ]
    assert [(name, value, int(count)) for _, name, value, _, count in boxes] == [
        (name, html.escape(value), count) for name, value, count in expected
    ]
    ids = [box_id for box_id, *_ in boxes]
    assert len(set(ids)) == len(ids) and all(box[0] == box[3] for box in boxes)


def test_search_page_zero_results_offers_to_remove_a_filter(client):
    content = client.get("/recherche/", {"q": "caravane", "region": "Corse"}).content.decode()
    assert "Aucun résultat" in content and "retirer" in content


def test_search_page_past_the_last_page_is_a_404(client):
    assert client.get("/recherche/", {"q": "caravane", "page": "50"}).status_code == 404


def test_suggestions_api_completes_titles(client):
    data = client.get("/api/search/suggestions/", {"q": "carav"}).json()
    assert any("Caravane" in title for title in data["suggestions"])


@override_settings(ELASTICSEARCH_URL=DOWN, ELASTICSEARCH_TIMEOUT=1)
def test_when_elasticsearch_is_down_the_database_answers_with_a_notice(client):
    data = client.get("/api/search/", {"q": "caravane"}).json()
    assert data["engine"] == "database" and data["total"] >= 2
    page = client.get("/recherche/", {"q": "caravane"})
    assert page.status_code == 200
    assert "moteur de secours" in page.content.decode()
    assert client.get("/api/search/suggestions/", {"q": "carav"}).status_code == 200


def test_the_api_takes_the_old_french_parameter_names_too(client):
    """`axis` and `territory` are the names of every page and the API; `axe` and `territoire`
    (the directory's former names) give the same answer."""
    new = client.get("/api/search/", {"axis": "aller-vers", "territory": "grenoble"}).json()
    old = client.get("/api/search/", {"axe": "aller-vers", "territoire": "grenoble"}).json()
    assert new["total"] == old["total"] > 0
    assert [hit["url"] for hit in new["hits"]] == [hit["url"] for hit in old["hits"]]
