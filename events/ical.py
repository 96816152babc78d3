"""iCalendar (RFC 5545) documents built with the `icalendar` library.

- UID: the page's translation key, which never changes on edit or move: a calendar that
  subscribed keeps one entry per event.
- SEQUENCE: `ICalSequenceMixin.sequence`, raised on each change a feed would show.
- Times carry TZID=Europe/Paris with its VTIMEZONE; DTSTAMP and LAST-MODIFIED are the
  last publication, so two fetches of an unchanged feed are byte-identical.
- A series is one VEVENT with RRULE and EXDATE (skipped months), plus one VEVENT with
  RECURRENCE-ID for each moved or cancelled occurrence.
- Visio links only when `private` is true (the member's secret feed).
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

from events.recurrence import rule_dates, series_skipped_dates

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Communauté apprenante TZNR//Agenda//FR"
UID_DOMAIN = "agenda.tznr"

UrlFor = Callable[[object], str]


def event_uid(page) -> str:
    return f"{page.translation_key}@{UID_DOMAIN}"


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
    return moment.astimezone(PARIS)


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


def event_component(page, *, url: str, private: bool = False, recurrence_of=None) -> Event:
    """A one-off event, or (recurrence_of=series) an exception to a series."""
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
    calendar = new_calendar(name, description=description)
    for page in events:
        calendar.add_component(event_component(page, url=url_for(page), private=private))
    for one in series:
        for component in series_components(
            one, occurrences_of(one), url_for=url_for, private=private
        ):
            calendar.add_component(component)
    moments = [c.decoded("dtstart") for c in calendar.walk("VEVENT")]
    if moments:  # VTIMEZONE rules for the years the calendar covers, not 1970–2038
        calendar.add_missing_timezones(
            first_date=min(moments).date().replace(month=1, day=1),
            last_date=max(moments).date().replace(year=max(moments).year + 5),
        )
    return calendar.to_ical()
