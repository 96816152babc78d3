"""The demo's essaimage declarations need no account; its proposals need the demo accounts,
which load_demo makes on a development database only."""

import json

import pytest

from contributions.models import Contribution
from demo import contributions as demo_contributions
from essaimage.models import Reuse
from tests.factories.kb import FichePageFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def test_without_the_demo_accounts_the_declarations_load_and_no_proposal(site_tree):
    data = json.loads(demo_contributions.DATA.read_text(encoding="utf-8"))
    for number in {item["territory"] for item in data["reuses"]}:
        TerritoryFactory(numero=number)
    for slug in {item["fiche"] for item in data["reuses"]}:
        FichePageFactory(parent=site_tree.fiches, slug=slug, territories=[])
    created = demo_contributions.load()

    declared = {(reuse.fiche.slug, reuse.territory.numero) for reuse in Reuse.objects.all()}
    assert declared == {(item["fiche"], item["territory"]) for item in data["reuses"]}
    assert created == len(data["reuses"])
    assert not Contribution.objects.exists()
