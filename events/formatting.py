"""Dates and times in French, in Europe/Paris: « jeudi 25 janvier 2024, 10 h – 12 h »."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import dateformat, translation
from django.utils.timezone import localtime

PARIS = ZoneInfo("Europe/Paris")


DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def format_day(value: date | datetime, *, weekday: bool = True) -> str:
    """« jeudi 1er février 2024 » (a calendar page writes dozens: no translation machinery)."""
    if isinstance(value, datetime):
        value = localtime(value, PARIS).date()
    day = "1er" if value.day == 1 else str(value.day)  # the French ordinal for the first day
    text = f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"{DAYS[value.weekday()]} {text}" if weekday else text


def format_time(value: datetime) -> str:
    value = localtime(value, PARIS)
    return f"{value.hour} h" + (f" {value.minute:02d}" if value.minute else "")


def format_when(start: datetime, end: datetime | None = None) -> str:
    if end is None:
        return f"{format_day(start)}, {format_time(start)}"
    if localtime(start, PARIS).date() == localtime(end, PARIS).date():
        return f"{format_day(start)}, {format_time(start)} – {format_time(end)}"
    return f"du {format_day(start)}, {format_time(start)} au {format_day(end)}, {format_time(end)}"


def format_month(year: int, month: int) -> str:
    with translation.override("fr"):
        return dateformat.format(date(year, month, 1), "F Y")
