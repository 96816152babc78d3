"""The pages the law asks for, linked from every page's footer."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_legal_pages_exist_and_are_linked_in_the_footer(client):
    html = client.get("/").content.decode()
    for slug in ("donnees-personnelles", "mentions-legales", "accessibilite"):
        assert f"/{slug}/" in html
        assert client.get(f"/{slug}/").status_code == 200


def test_the_personal_data_page_states_purpose_basis_retention_and_rights(client):
    html = client.get("/donnees-personnelles/").content.decode()
    for words in ("Finalité", "Base légale", "Conservation", "12 mois", "15 mois", "Mon profil"):
        assert words in html


def test_the_accessibility_page_carries_the_declaration_and_a_contact(client, settings):
    settings.TZNR_ACCESSIBILITY_CONTACT = "accessibilite@example.org"
    html = client.get("/accessibilite/").content.decode()
    assert "RGAA" in html and "État de conformité" in html
    assert 'href="mailto:accessibilite@example.org"' in html
