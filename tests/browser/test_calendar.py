"""Calendar: open next month, open an event, add it to one's calendar (.ics)."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def event_next_month():
    """An event on the 15th of next month, whatever the day the suite runs."""
    from events.models import EventIndexPage, EventPage

    today = datetime.now(PARIS)
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    start = datetime(year, month, 15, 14, 0, tzinfo=PARIS)
    event = EventPage(
        title="Atelier d'essai du calendrier",
        slug=f"atelier-essai-{start:%Y-%m}",
        kind=EventPage.Kind.ATELIER,
        start=start,
        end=start + timedelta(hours=2),
        mode=EventPage.Mode.DISTANCIEL,
        summary="Un atelier créé par le test du calendrier.",
    )
    EventIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    return event


@pytest.mark.writes
def test_next_month_event_downloads_ics(page, url, event_next_month):
    page.goto(url("/evenements/"))
    next_month = page.get_by_role("link", name="Mois suivant")
    assert page.locator('[aria-current="date"]').count() == 1
    before = page.url
    next_month.first.click()
    page.wait_for_url(lambda u: u != before)
    assert page.locator('[aria-current="date"]').count() == 0

    page.get_by_role("link", name=event_next_month.title).first.click()
    page.wait_for_url(lambda u: event_next_month.slug in u)
    add = page.get_by_role("link", name="Ajouter à mon agenda")
    with page.expect_download() as download_info:
        add.first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    ics = Path(download.path()).read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in ics
    assert "SUMMARY:Atelier d'essai du calendrier" in ics.replace("\r\n ", "")


COLUMN_WIDTHS = """() => {
  const table = document.querySelector('.tznr-month__table table');
  const container = table.closest('.fr-container');
  const style = getComputedStyle(container);
  return {
    columns: [...table.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().width),
    table: table.getBoundingClientRect().width,
    content: container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
  };
}"""


def test_month_grid_has_seven_equal_columns_over_the_whole_width(page, url):
    """A day with events used to take four times the width of the others, the table half
    the page."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url("/evenements/2024/05/"))
    assert page.locator(".tznr-month__table a").count() >= 2  # days with events
    measured = page.evaluate(COLUMN_WIDTHS)
    columns = measured["columns"]
    assert len(columns) == 7
    assert max(columns) - min(columns) <= 3, columns
    assert measured["table"] >= measured["content"] - 2, measured


@pytest.fixture
def event_this_month():
    from events.models import EventIndexPage, EventPage

    today = datetime.now(PARIS)
    start = datetime(today.year, today.month, 15, 14, 0, tzinfo=PARIS)
    event = EventPage(
        title="Atelier du milieu du mois pour lire le calendrier sur un téléphone",
        slug=f"atelier-telephone-{start:%Y-%m}",
        kind=EventPage.Kind.ATELIER,
        start=start,
        end=start + timedelta(hours=2),
        mode=EventPage.Mode.DISTANCIEL,
        summary="Un atelier créé par le test du calendrier sur téléphone.",
    )
    EventIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    return event


def assert_readable(page, links):
    assert links.count() >= 1
    for link in links.all():
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
        # The line it wraps in (an inline link is as wide as its longest line).
        line = link.evaluate("a => a.closest('li, h3, h4, p').getBoundingClientRect().width")
        assert line >= 200, f"{link.inner_text()!r} squeezed into {line:.0f} px"
        size = float(link.evaluate("a => getComputedStyle(a).fontSize").removesuffix("px"))
        assert size >= 14


@pytest.mark.writes
def test_month_is_a_readable_list_on_a_320_px_phone(narrow_page, url, event_this_month):
    """The grid squeezed seven columns into 320 px: titles broke letter by letter."""
    page = narrow_page
    page.goto(url("/evenements/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert not page.locator(".tznr-month__table").is_visible()
    links = page.locator(".tznr-month__list a", has_text=event_this_month.title)
    assert_readable(page, links)
    heading = page.locator(".tznr-month__list h3", has_text="15").first.inner_text()
    assert heading.split()[1] == "15"

    # The month view lists its days with their events below: that list stands for the grid.
    page.goto(url("/evenements/2024/05/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert not page.locator(".tznr-month__table").is_visible()
    assert page.locator(".tznr-month__list").count() == 0
    assert_readable(page, page.locator("main section h4 a"))
