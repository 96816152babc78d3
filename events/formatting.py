"""Dates and times in French, in Europe/Paris: « jeudi 25 janvier 2024, 10 h – 12 h »."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import dateformat, translation
from django.utils.timezone import localtime

PARIS = ZoneInfo("Europe/Paris")


def format_day(value: date | datetime, *, weekday: bool = True) -> str:
    if isinstance(value, datetime):
        value = localtime(value, PARIS).date()
    with translation.override("fr"):
        text = dateformat.format(value, "l j F Y" if weekday else "j F Y")
    if value.day == 1:  # « 1er février », the French ordinal for the first day
        text = text.replace(" 1 ", " 1er ", 1) if weekday else "1er" + text[1:]
    return text


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
