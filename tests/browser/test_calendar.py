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
