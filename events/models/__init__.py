from events.models.pages import (  # noqa: I001 — the calendar's views import these first
    FIRST_YEAR,
    LAST_YEAR,
    EventDetails,
    EventFiche,
    EventPage,
    EventSeriesException,
    EventSeriesPage,
    Kind,
    Mode,
)
from events.models.registrations import CalendarToken, Registration
from events.models.calendar import EventIndexPage

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "CalendarToken",
    "EventDetails",
    "EventFiche",
    "EventIndexPage",
    "EventPage",
    "EventSeriesException",
    "EventSeriesPage",
    "Kind",
    "Mode",
    "Registration",
]
