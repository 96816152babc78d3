import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from kb.models import FichePage
from tests.factories.events import EventPageFactory
from tests.factories.kb import AxisFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def fiche(**overrides) -> FichePage:
    values = {
        "title": "Permanence au marché",
        "slug": "permanence-marche-test",
        "chapo": "Une permanence d'accès aux droits sur le marché.",
        "axis": AxisFactory(),
        "status": FichePage.Status.EN_COURS,
        "year": 2024,
    }
    values.update(overrides)
    return FichePage(**values)


def test_a_fiche_year_outside_2023_2030_is_refused_in_french():
    with pytest.raises(ValidationError) as error:
        fiche(year=2031).full_clean(exclude=["path", "depth"])
    assert "comprise entre 2023 et 2030" in str(error.value)


def test_a_fiche_year_inside_the_range_is_accepted():
    fiche(year=2030).full_clean(exclude=["path", "depth"])


def test_a_fiche_needs_an_axis():
    with pytest.raises(ValidationError) as error:
        fiche(axis=None).full_clean(exclude=["path", "depth"])
    assert "axe de travail" in str(error.value)


def test_an_event_cannot_end_before_it_starts(site_tree):
    event = EventPageFactory(parent=site_tree.events)
    event.end = event.start - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ne peut pas finir avant de commencer" in str(error.value)


def test_the_admin_refuses_a_fiche_without_territory(client, animator, site_tree):
    client.force_login(animator)
    index = site_tree.fiches
    url = f"/admin/pages/add/kb/fichepage/{index.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "title": "Fiche sans territoire",
        "slug": "fiche-sans-territoire",
        "chapo": "Test",
        "axis": AxisFactory().pk,
        "status": "en_cours",
        "year": "2024",
        "body-count": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "tags": "",
        "partners": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "au moins un territoire" in response.content.decode()
    assert not Page.objects.filter(slug="fiche-sans-territoire").exists()

    territory = TerritoryFactory()
    data["territories"] = [territory.pk]
    response = client.post(url, data)
    assert response.status_code == 302
    assert FichePage.objects.get(slug="fiche-sans-territoire").territories.get() == territory
