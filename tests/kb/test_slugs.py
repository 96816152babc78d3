"""Web addresses in ASCII, and a page whose address changes keeps answering at the old one.

The admin's own slug filling runs in the browser: tests/browser/test_admin_publish.py
checks it; here the admin's form is posted as a browser without JavaScript (or a person
typing the slug) would.
"""

import re

import pytest
from wagtail.contrib.redirects.models import Redirect

from kb.models import Axis, FichePage, Territory
from tests.factories.kb import AxisFactory, FichePageFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

TITLE = "Permanence numérique itinérante à Chemillé"


@pytest.fixture
def index(site_tree):
    return site_tree.fiches


@pytest.fixture
def vocabulary(db):
    """The axis and territory the form picks."""
    return AxisFactory(name="Numérique", slug="numerique"), TerritoryFactory(name="Grenoble")


def fiche_form(**values) -> dict:
    axis, territory = Axis.objects.get(slug="numerique"), Territory.objects.get(name="Grenoble")
    return {
        "title": TITLE,
        "slug": "permanence-numérique-itinérante-à-chemillé",
        "chapo": "Un camion équipé passe dans les bourgs.",
        "axis": axis.pk,
        "territories": [territory.pk],
        "status": "en_cours",
        "year": "2025",
        "body-count": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "tags": "",
        "partners": "",
        "action-publish": "action-publish",
        **values,
    }


@pytest.fixture
def admin(client, animator, vocabulary):
    client.force_login(animator)
    return client


def test_the_admin_fills_slugs_in_ascii(admin, index):
    html = admin.get(f"/admin/pages/add/kb/fichepage/{index.pk}/").content.decode()
    (slug_input,) = re.findall(r'<input[^>]* name="slug"[^>]*>', html)
    assert 'data-controller="w-slug"' in slug_input
    assert "allow-unicode" not in slug_input  # Wagtail's setting off: the script urlifies


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        (
            "permanence-numérique-itinérante-à-chemillé",
            "permanence-numerique-itinerante-a-chemille",
        ),
        ("mise-en-œuvre-à-léchelle", "mise-en-oeuvre-a-lechelle"),
        ("déjà-ascii-ou-pas", "deja-ascii-ou-pas"),
    ],
)
def test_a_slug_typed_with_accents_is_saved_in_ascii(admin, index, typed, saved):
    response = admin.post(f"/admin/pages/add/kb/fichepage/{index.pk}/", fiche_form(slug=typed))
    assert response.status_code == 302, response.context["form"].errors
    fiche = FichePage.objects.get(title=TITLE)
    assert fiche.slug == saved
    assert fiche.url == f"/fiches/{saved}/"


def test_a_transliterated_slug_that_is_taken_is_refused(admin, index):
    FichePageFactory(parent=index, slug="caravane-des-droits-grenoble")
    response = admin.post(
        f"/admin/pages/add/kb/fichepage/{index.pk}/",
        fiche_form(slug="caravané-des-droits-grenoble"),
    )
    assert response.status_code == 200
    assert "caravane-des-droits-grenoble" in str(response.context["form"].errors["slug"])
    assert not FichePage.objects.filter(title=TITLE).exists()


def test_a_page_made_by_code_without_slug_gets_an_ascii_one(index):
    fiche = FichePage(title=TITLE, chapo="x", axis=AxisFactory(), status="en_cours", year=2025)
    index.add_child(instance=fiche)
    assert fiche.slug == "permanence-numerique-itinerante-a-chemille"


def test_a_page_renamed_in_the_admin_redirects_permanently_from_its_old_address(
    admin, client, index, django_capture_on_commit_callbacks
):
    fiche = FichePageFactory(parent=index, title="Caravane des droits")
    old_url = fiche.url
    assert admin.get(f"/admin/pages/{fiche.pk}/edit/").status_code == 200
    data = fiche_form(
        title=fiche.title,
        slug="nouvelle-adresse-de-la-fiche",
        chapo=fiche.chapo,
        axis=fiche.axis_id,
        territories=[t.pk for t in fiche.territories.all()],
        status=fiche.status,
        year=str(fiche.year),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/admin/pages/{fiche.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    fiche.refresh_from_db()
    assert fiche.url == "/fiches/nouvelle-adresse-de-la-fiche/"

    redirect = client.get(old_url)
    assert redirect.status_code == 301
    assert redirect["Location"].endswith("/fiches/nouvelle-adresse-de-la-fiche/")
    assert client.get(redirect["Location"]).status_code == 200
    assert Redirect.objects.filter(redirect_page=fiche, is_permanent=True).exists()
