"""The declarations a member wrote in « Mon profil »'s JSON download (kb.personal_data); a
declaration is its territory's, so deleting the account keeps it and forgets who wrote it."""

import pytest

from essaimage.models import Reuse
from tests.essaimage.test_reuse import member_of

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_declarations_the_member_wrote(fiche, reusing_territory):
    author = member_of(reusing_territory, "declarante")
    author.post(f"/essaimage/fiche/{fiche.pk}/", {"level": "adaptee", "note": "Avec le CCAS."})
    mine = author.get("/mon-profil/mes-donnees.json").json()["essaimage"]["reprises déclarées"]
    assert [(d["fiche"], d["territoire"], d["où en est la reprise"], d["note"]) for d in mine] == [
        ("Coffres-forts numériques quuxiens", "Territoire qui reprend", "Adaptée", "Avec le CCAS.")
    ]
    colleague = member_of(reusing_territory, "collegue")
    theirs = colleague.get("/mon-profil/mes-donnees.json").json()["essaimage"]
    assert theirs == {"reprises déclarées": []}


def test_deleting_the_account_keeps_the_territorys_declaration_without_its_author(
    client, fiche, reusing_territory
):
    author = member_of(reusing_territory, "declarante")
    author.post(f"/essaimage/fiche/{fiche.pk}/", {"level": "adaptee", "note": "Avec le CCAS."})
    reuse = Reuse.objects.get(fiche=fiche)
    reuse.declared_by.delete()
    reuse.refresh_from_db()
    assert reuse.declared_by is None and reuse.territory == reusing_territory
    assert "Reprise par 1 territoire" in client.get(fiche.url).content.decode()
