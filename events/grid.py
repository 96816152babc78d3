"""The month grid of the calendar page: weeks from Monday, days with their events."""

import calendar
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from django.utils.timezone import localtime

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


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


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


def month_bounds(year: int, month: int) -> tuple[date, date]:
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def month_grid(*, year: int, month: int, events, today: date) -> MonthGrid:
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    days = {
        day: Day(date=day, in_month=day.month == month, is_today=day == today)
        for week in weeks
        for day in week
    }
    for event in events:
        first, last = localtime(event.start, PARIS).date(), localtime(event.end, PARIS).date()
        for day in days.values():
            if first <= day.date <= last:
                day.events.append(event)
    return MonthGrid(
        year=year,
        month=month,
        label=format_month(year, month),
        weeks=[[days[day] for day in week] for week in weeks],
        previous=(year - 1, 12) if month == 1 else (year, month - 1),
        next=(year + 1, 1) if month == 12 else (year, month + 1),
        weekdays=WEEKDAYS,
    )
