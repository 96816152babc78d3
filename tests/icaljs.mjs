// Reads iCalendar files and vCards with Mozilla's ical.js (the parser of Thunderbird and of
// many web calendars), for tests/icaljs.py.
//
//   node tests/icaljs.mjs <path of ical.js>  < {"calendars": [...], "until": "...", "vcards": [...]}
//
// Prints JSON: for each calendar, its occurrences as ical.js computes them, applying the
// file's own VTIMEZONE (RRULE expanded, EXDATE removed, RECURRENCE-ID overrides applied),
// each instant in UTC; for each vCard, its properties as ical.js reads them.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { default: ICAL } = await import(pathToFileURL(process.argv[2]).href);
const input = JSON.parse(readFileSync(0, "utf8"));
const until = ICAL.Time.fromDateTimeString(input.until || "2031-01-01T00:00:00Z");

const utc = (time) => (time ? time.toJSDate().toISOString().replace(".000Z", "Z") : null);

function occurrence(event, details) {
  const item = details ? details.item : event;
  return {
    uid: item.uid,
    recurrenceId: details ? utc(details.recurrenceId) : utc(item.recurrenceId),
    start: utc(details ? details.startDate : item.startDate),
    end: utc(details ? details.endDate : item.endDate),
    summary: item.summary,
    status: item.component.getFirstPropertyValue("status"),
    sequence: item.sequence,
    tzid: (details ? details.startDate : item.startDate).zone.tzid, // "Z" for UTC
  };
}

function occurrences(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const masters = new Map();
  const exceptions = [];
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  const found = [];
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    if (master) master.relateException(exception);
    else found.push(occurrence(exception)); // a single occurrence, downloaded on its own
  }
  for (const event of masters.values()) {
    if (!event.isRecurring()) {
      found.push(occurrence(event));
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(until) < 0; next = iterator.next()) {
      found.push(occurrence(event, event.getOccurrenceDetails(next)));
    }
  }
  return {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    timezones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
    occurrences: found,
  };
}

function card(text) {
  const component = new ICAL.Component(ICAL.parse(text));
  const properties = {};
  for (const property of component.getAllProperties()) {
    (properties[property.name] ||= []).push({
      values: property.getValues(),
      params: property.toJSON()[1],
    });
  }
  return { name: component.name, version: component.getFirstPropertyValue("version"), properties };
}

process.stdout.write(
  JSON.stringify({
    calendars: (input.calendars || []).map(occurrences),
    vcards: (input.vcards || []).map(card),
  }),
);
