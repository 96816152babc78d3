"""Every DSFR button shows its label: no icon squares that hide their text.

In a `fr-btns-group` without `fr-btns-group--icon-left` (or `--right`), DSFR draws a button
carrying an icon as a 2.5 rem square with its text clipped: « Ajouter à mon agenda » and
« S'abonner à l'agenda » were such squares.
"""

import pytest

from tests.browser.helpers import ANIMATOR, MEMBER, log_in

# DSFR's own icon controls: the search bar's button (its field has the label; DSFR shows the
# button's text only on large bars at desktop width) and the header's menu, search and close
# toggles (with a title), not labelled buttons of the page.
ICON_CONTROLS = ".fr-search-bar .fr-btn, .fr-btn--search, .fr-btn--menu, .fr-btn--close"

MEASURE = """selector => [...document.querySelectorAll('.fr-btn')]
  .filter(b => b.getClientRects().length && getComputedStyle(b).visibility !== 'hidden')
  .filter(b => !b.matches(selector))
  .map(b => {
    const box = b.getBoundingClientRect();
    return {label: b.innerText.trim(), html: b.outerHTML.slice(0, 160), width: box.width,
            clipped: b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1};
  })"""


def first_url(model_path: str, suffix: str = "") -> str:
    module, name = model_path.rsplit(".", 1)
    model = getattr(__import__(module, fromlist=[name]), name)
    return model.objects.live().public().order_by("path").first().url + suffix


PAGES = [
    ("/", None),
    ("/recherche/?q=aller+vers", None),
    ("/fiches/", None),
    ("/evenements/", None),
    ("/evenements/2024/05/", MEMBER),
    (lambda: first_url("events.models.EventPage"), MEMBER),
    (lambda: first_url("events.models.EventSeriesPage"), None),
    ("/evenements/mon-agenda/", MEMBER),
    (lambda: first_url("events.models.EventPage", "inscrits/"), ANIMATOR),
    ("/ressources/", None),
    ("/annuaire/", ANIMATOR),
    ("/annuaire/inviter/", ANIMATOR),
    ("/mon-profil/", MEMBER),
    ("/connexion/", None),
    ("/cette-page-n-existe-pas/", None),
]


def visible_buttons(page) -> list[dict]:
    return page.evaluate(MEASURE, ICON_CONTROLS)


@pytest.mark.parametrize("width", [1280, 320])
def test_every_button_shows_its_label(browser, server, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    signed_in = None
    seen = 0
    try:
        for path, account in PAGES:
            if account != signed_in:
                page.context.clear_cookies()
                if account:
                    log_in(page, lambda p: server.url + p, account)
                signed_in = account
            path = path() if callable(path) else path
            page.goto(server.url + path)
            for button in visible_buttons(page):
                seen += 1
                where = f"{path} at {width} px: {button['html']}"
                assert button["label"], f"button without text on {where}"
                assert not button["clipped"], f"label clipped on {where}"
                assert button["width"] >= 64, f"{button['width']:.0f} px wide on {where}"
    finally:
        context.close()
    assert seen > 30


def test_calendar_buttons_read_as_labels_beside_their_icon(page, url):
    """The two buttons of the issue, measured: as wide as their text, not a 40 px square."""
    page.goto(url("/evenements/"))
    subscribe = page.get_by_role("link", name="S'abonner à l'agenda")
    assert subscribe.inner_text().strip() == "S'abonner à l'agenda"
    assert subscribe.bounding_box()["width"] > 150
    page.goto(url(first_url("events.models.EventPage")))
    add = page.get_by_role("link", name="Ajouter à mon agenda")
    assert add.bounding_box()["width"] > 150
