"""Keyboard only, and reflow when zoomed (WCAG 1.4.10, RGAA 10.11)."""

import re

import pytest


def test_first_tab_reaches_the_skip_link_to_the_content(page, url):
    page.goto(url("/fiches/"))
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.inner_text() == "Contenu"
    assert focused.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_facets_work_from_the_keyboard_and_keep_the_focus(page, url):
    page.goto(url("/recherche/?q=aller+vers"))
    box = page.locator("#facette-axis input[type=checkbox]").first
    value = box.get_attribute("value")
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(rf"axis={re.escape(value)}"))
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["axis", value]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@pytest.mark.parametrize("path", ["/", "/recherche/?q=aller+vers", "/fiches/", "/territoires/"])
def test_pages_reflow_without_horizontal_scrolling_at_200_and_400_percent(narrow_page, url, path):
    for width in (640, 320):  # a 1280 px wide screen zoomed to 200 %, then 400 %
        narrow_page.set_viewport_size({"width": width, "height": 640})
        narrow_page.goto(url(path))
        overflow = narrow_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls horizontally at {width} px"
