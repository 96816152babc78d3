"""The observatory in a real browser: the map's territories are reached with the keyboard,
show where the focus is, and open the territory's page; the page reflows at 320 px."""


def test_the_map_is_usable_with_the_keyboard(page, url):
    page.goto(url("/observatoire/"))
    page.locator("a[href='#carte']").focus()  # the summary's link to the map
    page.keyboard.press("Enter")
    marks = page.locator("#carte svg a")
    assert marks.count() == 39
    names = []
    for _ in range(3):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.closest('#carte svg') !== null,"
            " document.activeElement.getAttribute('aria-label'),"
            " getComputedStyle(document.activeElement.querySelector('circle')).strokeWidth]"
        )
        inside_map, name, stroke = focused
        assert inside_map, "Tab leaves the map before its territories"
        assert " action" in name
        assert stroke == "4px"  # the visible focus (observatory.css)
        names.append(name)
    assert len(set(names)) == 3
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(url(href))
    assert page.locator("h1").inner_text() == names[-1].split(" (")[0]


def test_the_observatory_reflows_at_320_px(narrow_page, url):
    narrow_page.set_viewport_size({"width": 320, "height": 640})
    narrow_page.goto(url("/observatoire/"))
    overflow = narrow_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
