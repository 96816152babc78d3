"""The occurrences of a series, from its monthly rule and its exceptions (dateutil rrule).

The rule runs on naive Paris wall-clock times and each occurrence is then placed in
Europe/Paris, so a 14 h mensuelle stays at 14 h on both sides of a daylight-saving switch.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, rrule, weekday

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Occurrence:
    original_date: date  # the date the rule gives: the occurrence's identity (RECURRENCE-ID)
    start: datetime
    end: datetime

    @property
    def moved(self) -> bool:
        return self.start.date() != self.original_date


def monthly_rule(*, first_date: date, until: date, weekday_index: int, week_of_month: int, at=None):
    return rrule(
        MONTHLY,
        dtstart=datetime.combine(first_date, at or time(0, 0)),
        until=datetime.combine(until, time(23, 59, 59)),
        byweekday=weekday(weekday_index, week_of_month),
    )


def rule_dates(*, first_date: date, until: date, weekday: int, week_of_month: int) -> list[date]:
    rule = monthly_rule(
        first_date=first_date, until=until, weekday_index=weekday, week_of_month=week_of_month
    )
    return [moment.date() for moment in rule]


def series_rule(series) -> rrule:
    return monthly_rule(
        first_date=series.first_date,
        until=series.until,
        weekday_index=series.weekday,
        week_of_month=series.week_of_month,
        at=series.start_time,
    )


def series_occurrences(series) -> list[Occurrence]:
    """Every occurrence of the series, skipped ones left out, moved ones at their new time."""
    exceptions = {exception.original_date: exception for exception in series.exceptions.all()}
    occurrences = []
    for day in rule_dates(
        first_date=series.first_date,
        until=series.until,
        weekday=series.weekday,
        week_of_month=series.week_of_month,
    ):
        exception = exceptions.get(day)
        if exception is not None and exception.is_skip:
            continue
        new_day = (exception.new_date if exception else None) or day
        start_time = (exception.new_start_time if exception else None) or series.start_time
        end_time = (exception.new_end_time if exception else None) or series.end_time
        occurrences.append(
            Occurrence(
                original_date=day,
                start=datetime.combine(new_day, start_time, tzinfo=PARIS),
                end=datetime.combine(new_day, end_time, tzinfo=PARIS),
            )
        )
    return occurrences


def series_skipped_dates(series) -> list[date]:
    dates = set(
        rule_dates(
            first_date=series.first_date,
            until=series.until,
            weekday=series.weekday,
            week_of_month=series.week_of_month,
        )
    )
    skipped = [e.original_date for e in series.exceptions.all() if e.is_skip]
    return sorted(day for day in skipped if day in dates)


def describe_rule(series) -> str:
    """« Le 2e jeudi de chaque mois » in French."""
    week = dict(series.WeekOfMonth.choices)[series.week_of_month]
    day = dict(series.Weekday.choices)[series.weekday]
    return f"Le {week} {day} de chaque mois"
