"""Bad URLs and malformed query strings give a French 404/400 page, never a 500."""

import pytest

from kb.models import FicheIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_an_unknown_url_is_a_french_404_page(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"axis": "inconnu"},
        {"territory": "'; DROP TABLE kb_territory; --"},
        {"status": "fini"},
        {"page": "abc"},
        {"page": "-3"},
        {"public": "\x00"},
    ],
)
def test_a_malformed_fiche_filter_is_a_400_with_a_french_message(client, query):
    response = client.get(FicheIndexPage.objects.get().url, query)
    assert response.status_code == 400
    assert "n'est pas valide" in response.content.decode()


def test_a_page_number_past_the_end_is_a_404(client):
    assert client.get(FicheIndexPage.objects.get().url, {"page": "999"}).status_code == 404


def test_fiche_filters_narrow_the_list(client):
    url = FicheIndexPage.objects.get().url
    everything = client.get(url).context["page_obj"].paginator.count
    data = client.get(url, {"axis": "echange-de-donnees"}).context["page_obj"]
    assert 0 < data.paginator.count < everything
    assert all(fiche.axis.slug == "echange-de-donnees" for fiche in data.object_list)


@pytest.mark.parametrize("query", [{"territoire": "nulle-part"}, {"region": "Atlantide"}])
def test_a_malformed_directory_filter_is_a_400(member_client, query):
    assert member_client.get("/annuaire/", query).status_code == 400


# A NUL byte is refused with a French 400 before any view: tests/security/test_hostile_input.py.
@pytest.mark.parametrize("q", ['"(aller', "a" * 10_000, "RSA AND (", "é" * 300])
def test_hostile_search_text_never_errors(client, q):
    assert client.get("/recherche/", {"q": q}).status_code == 200
