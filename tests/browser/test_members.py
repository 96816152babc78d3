"""Members: sign in, filter the directory by territory, download a vCard; signed out, refused."""

import re
from pathlib import Path

import pytest

from tests.browser.helpers import MEMBER, log_in

pytestmark = pytest.mark.writes


def contacts_total(page) -> int:
    return int(re.match(r"\d+", page.locator("main [role=status]").first.inner_text()).group())


def test_member_filters_directory_by_territory_and_downloads_vcard(page, url):
    log_in(page, url, MEMBER)
    page.locator("header").get_by_role("link", name="Annuaire").click()
    page.wait_for_url(re.compile(r"/annuaire/$"))
    everyone = contacts_total(page)
    assert everyone > 1

    territory = page.get_by_label("Territoire", exact=True)
    option = territory.locator("option").nth(1)
    name, value = option.inner_text().strip(), option.get_attribute("value")
    territory.select_option(value)
    page.locator("main").get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(re.escape(value)))
    assert 0 < contacts_total(page) < everyone
    cards = page.locator("main .fr-card")
    assert cards.count() == contacts_total(page)
    for card in cards.all():
        assert name in card.inner_text()

    vcard = page.get_by_role("link", name="Télécharger la vCard")
    with page.expect_download() as download_info:
        vcard.first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".vcf")
    card = Path(download.path()).read_text(encoding="utf-8")
    assert card.startswith("BEGIN:VCARD")
    assert name in card.replace("\r\n ", "")


def test_signed_out_member_is_refused_the_directory(page, url):
    log_in(page, url, MEMBER, next_path="/annuaire/")
    assert page.get_by_role("heading", level=1).inner_text() == "Annuaire des coordonnateurs"

    page.locator("header").get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(lambda u: "/annuaire/" not in u)
    assert page.locator("header").get_by_role("link", name="Se connecter").is_visible()

    response = page.goto(url("/annuaire/"))
    assert "/connexion/" in page.url or response.status == 403
    assert page.get_by_role("heading", name="Annuaire des coordonnateurs").count() == 0


def test_directory_cards_share_rows_of_the_grid(page, url):
    """Cards came one per row at a third of the width: a 9,000 px page."""
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, url, MEMBER, next_path="/annuaire/")
    tops = [round(card.bounding_box()["y"]) for card in page.locator("main .fr-card").all()]
    assert len(tops) == 24  # a full page of cards
    rows = len(set(tops))
    assert rows <= len(tops) / 2, f"{len(tops)} cards on {rows} rows"
    assert page.evaluate("document.documentElement.scrollHeight") < 7000
