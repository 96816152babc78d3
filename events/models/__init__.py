from events.models.pages import (
    FIRST_YEAR,
    LAST_YEAR,
    EventDetails,
    EventFiche,
    EventIndexPage,
    EventPage,
    EventSeriesException,
    EventSeriesPage,
    Kind,
    Mode,
)
from events.models.registrations import CalendarToken, Registration

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
