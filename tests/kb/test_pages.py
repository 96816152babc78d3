"""Every page type answers to the audience allowed to see it."""

import pytest

from events.models import EventIndexPage, EventPage
from kb.models import FicheIndexPage, FichePage, HomePage, StandardPage, TerritoryIndexPage
from resources.models import RecordingPage, ResourceIndexPage, ResourcePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def public_pages():
    territory_index = TerritoryIndexPage.objects.get()
    return {
        "home": HomePage.objects.get().url,
        "fiche list": FicheIndexPage.objects.get().url,
        "fiche": FichePage.objects.live().first().url,
        "territory list": territory_index.url,
        "territory": territory_index.url + "grenoble/",
        "calendar": EventIndexPage.objects.get().url,
        "event": EventPage.objects.filter(kind="webinaire").first().url,
        "recording": RecordingPage.objects.live().first().url,
        "resource list": ResourceIndexPage.objects.get().url,
        "resource": ResourcePage.objects.live().public().first().url,
        "standard page": StandardPage.objects.get(slug="accessibilite").url,
        "login": "/connexion/",
    }


def test_every_public_page_type_answers_200_to_an_anonymous_visitor(client):
    for name, url in public_pages().items():
        response = client.get(url)
        assert response.status_code == 200, f"{name} ({url}) answered {response.status_code}"
        assert b'lang="fr"' in response.content


def test_every_public_page_type_answers_200_to_a_member(member_client):
    for name, url in public_pages().items():
        assert member_client.get(url).status_code == 200, name


def test_home_page_shows_key_figures_and_latest_fiches(client):
    content = client.get(HomePage.objects.get().url).content.decode()
    assert "278" in content and "67,5" in content
    assert FichePage.objects.live().order_by("-first_published_at").first().title in content


def test_territory_page_gathers_its_fiches_and_hides_contacts_from_visitors(client, member_client):
    url = TerritoryIndexPage.objects.get().url + "grenoble/"
    anonymous = client.get(url).content.decode()
    assert "Caravane" in anonymous or "caravane" in anonymous
    assert "@example.org" not in anonymous
    assert "tznr-grenoble@example.org" in member_client.get(url).content.decode()


def test_unknown_territory_is_a_404(client):
    assert client.get(TerritoryIndexPage.objects.get().url + "atlantide/").status_code == 404


def test_members_only_resource_redirects_visitors_to_login_and_opens_for_members(
    client, member_client
):
    restricted = next(p for p in ResourcePage.objects.live() if p.get_view_restrictions())
    response = client.get(restricted.url)
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert member_client.get(restricted.url).status_code == 200


def test_members_only_resource_is_not_listed_to_visitors(client, member_client):
    restricted = next(p for p in ResourcePage.objects.live() if p.get_view_restrictions())
    url = ResourceIndexPage.objects.get().url
    assert restricted.title not in client.get(url).content.decode()
    assert restricted.title in member_client.get(url).content.decode()


def test_directory_redirects_anonymous_visitors_to_login(client):
    response = client.get("/annuaire/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=/annuaire/")


def test_directory_is_refused_to_a_signed_in_non_member(client, outsider):
    client.force_login(outsider)
    assert client.get("/annuaire/").status_code == 403


def test_directory_lists_and_filters_entries_for_members(member_client):
    response = member_client.get("/annuaire/")
    assert response.status_code == 200
    assert response.context["total"] == 39
    filtered = member_client.get("/annuaire/", {"territoire": "grenoble"})
    assert filtered.context["total"] == 1
    assert "tznr-grenoble@example.org" in filtered.content.decode()
    by_region = member_client.get("/annuaire/", {"region": "Bretagne"})
    assert by_region.context["total"] == 3


def test_event_page_hides_the_visio_link_from_visitors(client, member_client):
    event = EventPage.objects.filter(kind="mensuelle").first()
    event.online_url = "https://visio.example.org/mensuelle"
    event.save_revision().publish()
    assert "visio.example.org" not in client.get(event.url).content.decode()
    assert "visio.example.org" in member_client.get(event.url).content.decode()


def test_recording_page_shows_the_transcript_with_time_links(client):
    recording = RecordingPage.objects.live().first()
    content = client.get(recording.url).content.decode()
    assert "Transcription" in content
    assert "?t=" in content


def test_login_page_signs_in_a_member(client, member):
    response = client.post(
        "/connexion/", {"username": member.username, "password": "motdepasse-test"}
    )
    assert response.status_code == 302
    assert client.get("/annuaire/").status_code == 200
