"""Calendars and vCards read back by Mozilla's ical.js through node (tests/icaljs.mjs).

An independent client: it applies the file's own VTIMEZONE, as Thunderbird does. Installed
by scripts/browser.sh; missing, it skips the tests, or fails them under TZNR_REQUIRE_BROWSER.
"""

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from tests.browser import tools

SCRIPT = Path(__file__).with_name("icaljs.mjs")


def _run(payload: dict) -> dict:
    result = subprocess.run(  # noqa: S603 (our own script, JSON on stdin)
        [tools.node(), str(SCRIPT), str(tools.ical_js())],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).astimezone(UTC) if text else None


def read_calendars(*bodies: bytes, until: datetime = datetime(2031, 1, 1, tzinfo=UTC)):
    """For each calendar: {"name", "timezones", "occurrences": [{uid, recurrenceId, start,
    end, summary, status, sequence, tzid}]}, instants as aware UTC datetimes."""
    calendars = _run(
        {
            "calendars": [body.decode() for body in bodies],
            "until": until.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    )["calendars"]
    for calendar in calendars:
        for item in calendar["occurrences"]:
            for key in ("recurrenceId", "start", "end"):
                item[key] = instant(item[key])
    return calendars


def read_vcards(*bodies: bytes) -> list[dict]:
    """For each vCard: {"name", "version", "properties": {name: [{"values", "params"}]}}."""
    return _run({"vcards": [body.decode() for body in bodies]})["vcards"]
