"""An animator publishes a fiche in the Wagtail admin, at an ASCII address, and finds it in
search."""

import re

import pytest

from kb import searchable
from kb.models import FicheIndexPage, FichePage
from tests.browser.helpers import ANIMATOR, log_in

pytestmark = pytest.mark.writes

TITLE = "Guichet itinérant Zorglub"


@pytest.fixture
def fiche_index():
    index = FicheIndexPage.objects.get()
    yield index
    # The flush after the test empties the database, not Elasticsearch: unindex the fiche.
    for fiche in FichePage.objects.filter(title=TITLE):
        searchable.forget_object(fiche, at_once=True)
        fiche.delete()


def test_animator_publishes_a_fiche_then_finds_it_in_search(page, url, fiche_index):
    log_in(page, url, ANIMATOR, next_path="/admin/")
    page.goto(url(f"/admin/pages/add/kb/fichepage/{fiche_index.pk}/"))
    page.get_by_label(re.compile(r"^Titre")).first.fill(TITLE)
    page.get_by_label(re.compile(r"^Chapô")).fill(
        "Un guichet mobile passe chaque semaine dans les hameaux pour ouvrir les droits."
    )
    page.get_by_role("tab", name="Classement").click()
    page.get_by_role("button", name="Choisir axe de travail").click()
    page.locator(".modal").get_by_role("link", name="Aller-vers", exact=True).click()
    page.locator(".modal").wait_for(state="hidden")
    page.get_by_label("Grenoble", exact=True).check()
    page.locator("#id_status").select_option(label="En cours")
    page.locator("#id_year").fill("2025")

    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{fiche_index.pk}/"))
    assert TITLE in page.locator(".messages").inner_text()

    hit = page.locator("ol.tznr-results").get_by_role("link", name=TITLE)
    for _attempt in range(10):  # Elasticsearch makes new documents searchable within a second
        page.goto(url("/recherche/?q=zorglub"))
        if hit.count():
            break
        page.wait_for_timeout(300)
    hit.click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    # The admin filled the slug from the title, accents transliterated
    assert page.url.endswith("/fiches/guichet-itinerant-zorglub/")
