from events.models.pages import (
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
