"""Reads of the feeds and of the private feed page: the calendar page, an event by its path.

Apart from events.selectors, which the calendar page's own module imports (through its
views) before the calendar page type exists.
"""

from wagtail.models import Page

from events.models import EventIndexPage, EventPage, EventSeriesPage


def calendar_page() -> EventIndexPage | None:
    """The site's calendar page (there is one)."""
    return EventIndexPage.objects.live().first()


def event_or_series_at(*, path: str) -> EventPage | EventSeriesPage | None:
    """The live event or series whose URL below the calendar is `path` ("a/b"), if any."""
    index = calendar_page()
    if index is None:
        return None
    page = Page.objects.filter(url_path=f"{index.url_path}{path}/").live().specific().first()
    return page if isinstance(page, EventPage | EventSeriesPage) else None
