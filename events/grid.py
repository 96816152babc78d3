"""The month grid of the calendar page: weeks from Monday, days with their events."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.timezone import localtime
from wagtail.models import Page

from events.formatting import format_month

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = [
    ("lun.", "lundi"),
    ("mar.", "mardi"),
    ("mer.", "mercredi"),
    ("jeu.", "jeudi"),
    ("ven.", "vendredi"),
    ("sam.", "samedi"),
    ("dim.", "dimanche"),
]
# A day cell lists this many events, then « + N autres » (a link to the day in the month
# view); a day with one more event than this lists them all rather than « + 1 autre ».
EVENTS_PER_DAY = 3
# The fields a grid cell shows: the calendar reads these only, not whole pages.
GRID_FIELDS = ("pk", "title", "start", "end", "kind", "cancelled", "url_path")


@dataclass(frozen=True)
class GridEvent:
    """An event as a day cell shows it (a few fields, not a page: a month has hundreds)."""

    pk: int
    title: str
    start: datetime
    end: datetime
    kind: str
    cancelled: bool
    url: str


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)

    @property
    def shown_events(self) -> list:
        if len(self.events) <= EVENTS_PER_DAY + 1:
            return self.events
        return self.events[:EVENTS_PER_DAY]

    @property
    def more_count(self) -> int:
        return len(self.events) - len(self.shown_events)

    @property
    def anchor(self) -> str:
        """The id of this day's section in the month view."""
        return f"jour-{self.date.isoformat()}"


@dataclass
class MonthGrid:
    year: int
    month: int
    label: str
    weeks: list[list[Day]]
    previous: tuple[int, int]
    next: tuple[int, int]
    weekdays: list[tuple[str, str]]

    @property
    def first(self) -> date:
        return self.weeks[0][0].date

    @property
    def last(self) -> date:
        return self.weeks[-1][-1].date

    @property
    def days_with_events(self) -> list[Day]:
        """The days of the month (not the neighbours' days) that have events, in order."""
        return [day for week in self.weeks for day in week if day.in_month and day.events]


def month_bounds(year: int, month: int) -> tuple[date, date]:
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def grid_events(rows, *, index, request) -> list[GridEvent]:
    """GridEvents from `values_list(*GRID_FIELDS)` rows of events.

    An event below the calendar page `index` (all of them: events live under the one
    calendar) has the calendar's URL followed by its path below it, which is what Wagtail's
    `pageurl` computes for a descendant in the same site, without building a page per event.
    """
    index_url, index_path = index.get_url(request), index.url_path
    events = []
    for pk, title, start, end, kind, cancelled, url_path in rows:
        if index_url and url_path.startswith(index_path):
            url = index_url + url_path[len(index_path) :]
        else:
            url = Page(id=pk, url_path=url_path).get_url(request)
        events.append(GridEvent(pk, title, start, end, kind, cancelled, url))
    return events


def month_grid(*, year: int, month: int, events, today: date) -> MonthGrid:
    """The month's weeks; each day lists the events (in the given order) that touch it."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    days = {
        day: Day(date=day, in_month=day.month == month, is_today=day == today)
        for week in weeks
        for day in week
    }
    grid_first, grid_last = weeks[0][0], weeks[-1][-1]
    one_day = timedelta(days=1)
    for event in events:
        # An event that ends at midnight does not touch the next day.
        end = max(event.start, event.end - timedelta(microseconds=1))
        first = max(localtime(event.start, PARIS).date(), grid_first)
        last = min(localtime(end, PARIS).date(), grid_last)
        while first <= last:
            days[first].events.append(event)
            first += one_day
    return MonthGrid(
        year=year,
        month=month,
        label=format_month(year, month),
        weeks=[[days[day] for day in week] for week in weeks],
        previous=(year - 1, 12) if month == 1 else (year, month - 1),
        next=(year + 1, 1) if month == 12 else (year, month + 1),
        weekdays=WEEKDAYS,
    )
