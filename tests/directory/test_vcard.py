"""vCards as address books read them: a person by family and given names, a role as an
organisation. Read back by Mozilla's ical.js (Thunderbird's address book parser), not by
vobject, which writes them."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from directory.models import Coordinator
from tests.factories.directory import CoordinatorFactory
from tests.factories.kb import TerritoryFactory
from tests.icaljs import read_vcards

pytestmark = pytest.mark.django_db


def vcard(browser, entry) -> dict:
    response = browser.get(f"/annuaire/{entry.pk}/vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    (card,) = read_vcards(response.content)
    assert (card["name"], card["version"]) == ("vcard", "3.0")
    return card["properties"]


def value(properties: dict, name: str):
    (prop,) = properties[name]
    (found,) = prop["values"]
    return found


@pytest.fixture
def grenoble():
    return TerritoryFactory(name="Grenoble", slug="grenoble")


def test_a_persons_card_splits_family_and_given_names(member_client, grenoble):
    entry = Coordinator.objects.create(
        territory=grenoble,
        given_name="Marie-Hélène",
        family_name="de La Tour-Dupré",
        role="Chargée de mission accès aux droits",
        organisation="CCAS de Grenoble",
        email="mh.delatour@example.org",
    )
    assert entry.name == "Marie-Hélène de La Tour-Dupré"
    card = vcard(member_client, entry)
    assert value(card, "n") == ["de La Tour-Dupré", "Marie-Hélène", "", "", ""]
    assert value(card, "fn") == "Marie-Hélène de La Tour-Dupré"
    assert value(card, "org") == "CCAS de Grenoble"
    assert value(card, "title") == "Chargée de mission accès aux droits"
    assert "x-abshowas" not in card


def test_a_role_is_an_organisation_card_with_an_empty_name(member_client, grenoble):
    entry = CoordinatorFactory(
        territory=grenoble, name="Coordination TZNR — Grenoble", organisation="CCAS de Grenoble"
    )
    card = vcard(member_client, entry)
    assert value(card, "n") == ["", "", "", "", ""]
    assert value(card, "x-abshowas") == "COMPANY"
    assert value(card, "fn") == entry.name
    assert value(card, "org") == [entry.organisation, entry.name]


def test_a_label_with_commas_and_backslashes_keeps_them(member_client, grenoble):
    entry = Coordinator.objects.create(
        territory=grenoble,
        name="Accueil, droits \\ Grenoble Nord",
        role="Accueil",
        show_organisation=False,
        organisation="Structure cachée",
    )
    card = vcard(member_client, entry)
    assert value(card, "org") == "Accueil, droits \\ Grenoble Nord"
    assert value(card, "fn") == "Accueil, droits \\ Grenoble Nord"
    assert "Structure cachée" not in str(card)


def test_an_invited_person_gives_first_and_family_names(animator_client, member_client, grenoble):
    animator_client.post(
        "/annuaire/inviter/", {"territory": grenoble.pk, "emails": "noe@example.org"}
    )
    link = mail.outbox[0].body.split("testserver", 1)[1].split()[0]
    form = {
        "role": "Médiateur numérique",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "consent": "on",
    }
    refused = Client().post(link, {**form, "given_name": "Noé"})
    assert refused.status_code == 400
    assert "Noé" in refused.content.decode()  # what was typed is shown again
    response = Client().post(link, {**form, "given_name": "Noé", "family_name": "Lefèvre"})
    assert response.status_code == 302
    entry = Coordinator.objects.get(email="noe@example.org")
    assert (entry.given_name, entry.family_name, entry.name) == ("Noé", "Lefèvre", "Noé Lefèvre")
    assert value(vcard(member_client, entry), "n") == ["Lefèvre", "Noé", "", "", ""]


def test_an_admin_entry_needs_a_family_name_or_a_label(grenoble):
    with pytest.raises(ValidationError, match="nom de famille"):
        Coordinator(territory=grenoble, given_name="Noé", role="x").full_clean()
    with pytest.raises(ValidationError, match="intitulé"):
        Coordinator(territory=grenoble, role="x").full_clean()
    Coordinator(territory=grenoble, name="Coordination TZNR — Essai", role="x").full_clean()
