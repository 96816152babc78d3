"""Search « aller vers », narrow with an axis and a territory, open a fiche, come back."""

import re

import pytest

pytestmark = pytest.mark.parametrize("javascript", [True, False], ids=["js", "sans-js"])


def total(page) -> int:
    return int(page.locator(".tznr-results-head [role=status] strong").inner_text())


def facet_counts(page) -> list[str]:
    return page.locator("#facettes .tznr-count").all_inner_texts()


def checked_values(page) -> list[tuple[str, str]]:
    return [
        (box.get_attribute("name"), box.get_attribute("value"))
        for box in page.locator("#facettes input[type=checkbox]:checked").all()
    ]


def tick(page, facet: str, label, javascript: bool) -> None:
    """Tick a facet value by its label: with JS the page updates at once, without JS
    the visitor submits the filters form."""
    group = page.locator(f"#facette-{facet}")
    box = group.get_by_label(label).first
    before = page.url
    group.locator("label", has_text=label).first.click()
    assert box.is_checked() or not javascript
    if not javascript:
        page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(lambda url: url != before)


def test_search_facets_fiche_and_back(page, page_without_js, url, javascript):
    page = page if javascript else page_without_js
    page.goto(url("/recherche/"))
    page.get_by_label("Rechercher dans les fiches").fill("aller vers")
    page.locator("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"q=aller"))
    unfiltered, unfiltered_counts = total(page), facet_counts(page)
    assert unfiltered > 1

    tick(page, "axis", re.compile(r"^Aller-vers"), javascript)
    assert re.search(r"[?&]axis=", page.url)
    if javascript:  # the page reloaded on its own: the ticked box has the focus back
        assert page.evaluate("document.activeElement.name") == "axis"
        assert page.locator("#facettes-aide").is_visible()
    by_axis = total(page)
    assert 0 < by_axis < unfiltered
    assert facet_counts(page) != unfiltered_counts

    territory = page.locator("#facette-territory label").first
    territory_name = territory.inner_text().rsplit(" (", 1)[0]
    tick(page, "territory", territory_name, javascript)
    assert re.search(r"[?&]territory=", page.url)
    narrowed = total(page)
    assert 0 < narrowed <= by_axis
    state = (page.url, narrowed, checked_values(page), facet_counts(page))
    assert len(state[2]) == 2

    first_hit = page.locator("ol.tznr-results h2 a").first
    title = first_hit.inner_text()
    first_hit.click()
    page.wait_for_url(lambda u: "/recherche/" not in u)
    assert page.get_by_role("heading", level=1).inner_text() == title

    page.go_back()
    page.wait_for_url(state[0])
    assert (page.url, total(page), checked_values(page), facet_counts(page)) == state
