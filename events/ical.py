"""iCalendar (RFC 5545) documents built with the `icalendar` library.

- UID: the page's translation key, which never changes on edit or move: a calendar that
  subscribed keeps one entry per event.
- SEQUENCE: `ICalSequenceMixin.sequence`, raised on each change a feed would show.
- Times carry TZID=Europe/Paris with its VTIMEZONE (`paris_vtimezone`); DTSTAMP and
  LAST-MODIFIED are the last publication, so two fetches of an unchanged feed are
  byte-identical.
- A series is one VEVENT with RRULE and EXDATE (skipped months), plus one VEVENT with
  RECURRENCE-ID for each moved or cancelled occurrence. An occurrence, wherever it is
  sent on its own (« Ajouter à mon agenda », e-mails), keeps that identity: its series'
  UID and its RECURRENCE-ID, so a calendar that also subscribed holds it once.
- Visio links only when `private` is true (the member's secret feed).
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from events.recurrence import rule_dates, series_skipped_dates

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Communauté apprenante TZNR//Agenda//FR"
UID_DOMAIN = "agenda.tznr"

UrlFor = Callable[[object], str]


def event_uid(page) -> str:
    return f"{page.translation_key}@{UID_DOMAIN}"


def paris_vtimezone() -> Timezone:
    """Europe/Paris as two yearly rules, the shape of RFC 5545's own example.

    European summer time since 1996: from the last Sunday of March at 02:00 local time
    (01:00 UTC) to the last Sunday of October at 03:00 local summer time. Rules rather
    than a list of dates: some clients (Mozilla's ical.js, hence Thunderbird) read only
    the first date of a multi-date RDATE, and rules hold for any year an event may have.
    tests/events/test_vtimezone.py checks them against the tz database (zoneinfo).
    """
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1996, 3, 31, 2, 0))
    daylight.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0))
    standard.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    vtimezone = Timezone()
    vtimezone.add("tzid", "Europe/Paris")
    vtimezone.add_component(standard)
    vtimezone.add_component(daylight)
    return vtimezone


def new_calendar(name: str, *, description: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    return calendar


def _stamp(page) -> datetime:
    moment = page.last_published_at or page.first_published_at or timezone.now()
    return moment.astimezone(UTC)


def _paris(moment: datetime) -> datetime:
    """Paris wall-clock time, or UTC for a wall-clock time that happens twice (between 2 h
    and 3 h the night the clocks go back): clients disagree on which of the two it means
    (RFC 5545 says the first, ical.js takes the second), never on a UTC time."""
    local = moment.astimezone(PARIS)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def _description(page, *, url: str, private: bool) -> str:
    lines = [page.summary] if page.summary else []
    if getattr(page, "cancelled", False):
        lines.insert(0, "Événement annulé.")
    lines.append(f"Format : {page.get_mode_display()}")
    if page.place:
        lines.append(f"Lieu : {page.place}")
    if page.online_url:
        if private:
            lines.append(f"Visioconférence : {page.online_url}")
        else:
            lines.append("Le lien de visioconférence est donné aux membres (agenda privé).")
    lines.append(f"Programme et inscription : {url}")
    return "\n\n".join(lines)


def _location(page, *, private: bool) -> str:
    if page.place:
        return page.place
    if page.online_url and private:
        return page.online_url
    return "En ligne" if page.mode == "distanciel" else ""


def _fill(component: Event, page, *, url: str, private: bool) -> Event:
    component.add("dtstamp", _stamp(page))
    component.add("last-modified", _stamp(page))
    component.add("sequence", page.sequence)
    component.add("summary", page.title)
    component.add("url", url)
    component.add("categories", [page.get_kind_display()])
    component.add("description", _description(page, url=url, private=private))
    location = _location(page, private=private)
    if location:
        component.add("location", location)
    if private and page.online_url:
        component.add(
            "conference",
            page.online_url,
            parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Visioconférence"},
        )
    component.add("transp", "OPAQUE")
    component.add("class", "PUBLIC")
    return component


def occurrence_of(page):
    """The series an event is an occurrence of, or None for a one-off event."""
    return page.series if page.series_id and page.occurrence_date else None


def event_component(page, *, url: str, private: bool = False, recurrence_of=None) -> Event:
    """A one-off event, or (recurrence_of=series) one occurrence of a series: the series'
    UID and the RECURRENCE-ID of the date its rule gives."""
    component = Event()
    component.add("uid", event_uid(recurrence_of or page))
    if recurrence_of is not None:
        original = datetime.combine(page.occurrence_date, recurrence_of.start_time, tzinfo=PARIS)
        component.add("recurrence-id", original)
    component.add("dtstart", _paris(page.start))
    component.add("dtend", _paris(page.end))
    component.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
    return _fill(component, page, url=url, private=private)


def series_components(series, occurrences, *, url_for: UrlFor, private: bool = False):
    """The series' VEVENT (RRULE, EXDATE) and one VEVENT per moved or cancelled occurrence."""
    dates = rule_dates(
        first_date=series.first_date,
        until=series.until,
        weekday=series.weekday,
        week_of_month=series.week_of_month,
    )
    if not dates:
        return []
    master = Event()
    master.add("uid", event_uid(series))
    master.add("dtstart", datetime.combine(dates[0], series.start_time, tzinfo=PARIS))
    master.add("dtend", datetime.combine(dates[0], series.end_time, tzinfo=PARIS))
    last = datetime.combine(dates[-1], series.start_time, tzinfo=PARIS).astimezone(UTC)
    master.add(
        "rrule",
        {
            "FREQ": "MONTHLY",
            "BYDAY": f"{series.week_of_month}{'MO TU WE TH FR SA SU'.split()[series.weekday]}",
            "UNTIL": last,
        },
    )
    by_date = {occurrence.occurrence_date: occurrence for occurrence in occurrences}
    missing = set(series_skipped_dates(series)) | {day for day in dates if day not in by_date}
    if missing:
        master.add(
            "exdate",
            [datetime.combine(day, series.start_time, tzinfo=PARIS) for day in sorted(missing)],
        )
    master.add("status", "CONFIRMED")
    _fill(master, series, url=url_for(series), private=private)
    components = [master]
    for occurrence in sorted(occurrences, key=lambda o: o.occurrence_date):
        original_start = datetime.combine(
            occurrence.occurrence_date, series.start_time, tzinfo=PARIS
        )
        original_end = datetime.combine(occurrence.occurrence_date, series.end_time, tzinfo=PARIS)
        moved = (occurrence.start, occurrence.end) != (original_start, original_end)
        if moved or occurrence.cancelled:
            components.append(
                event_component(
                    occurrence, url=url_for(occurrence), private=private, recurrence_of=series
                )
            )
    return components


def build_calendar(
    *,
    name: str,
    events: Iterable = (),
    series: Iterable = (),
    occurrences_of: Callable[[object], list] = lambda series: [],
    url_for: UrlFor,
    private: bool = False,
    description: str = "",
) -> bytes:
    """The calendar of `events` (an occurrence of a series among them keeps its series' UID
    and its RECURRENCE-ID) and of whole `series`."""
    calendar = new_calendar(name, description=description)
    components = [
        event_component(page, url=url_for(page), private=private, recurrence_of=occurrence_of(page))
        for page in events
    ]
    for one in series:
        components += series_components(one, occurrences_of(one), url_for=url_for, private=private)
    if components:
        calendar.add_component(paris_vtimezone())
    for component in components:
        calendar.add_component(component)
    return calendar.to_ical()
