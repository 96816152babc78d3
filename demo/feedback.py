"""Demo answers to the satisfaction questionnaire (demo/data/satisfaction.json): the 2024
review's rates (92 % of the plénières, 100 % of the webinaires, 88 % of the Mensuelles very
useful or useful), spread over the demo's events of 2024 of each kind, without a member (they
stand for the answers of January 2025's questionnaire).

Idempotent: an event that already has answers without a member is left alone.
"""

import json
from pathlib import Path
from zoneinfo import ZoneInfo

from events.models import EventPage
from feedback.models import Level, SatisfactionAnswer

DATA = Path(__file__).resolve().parent / "data" / "satisfaction.json"
PARIS = ZoneInfo("Europe/Paris")


def load() -> int:
    """Create what is missing; the number of answers created."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    year = data["year"]
    created = 0
    for kind, counts in data["answers"].items():
        events = [
            event
            for event in EventPage.objects.live()
            .filter(kind=kind, cancelled=False)
            .order_by("start")
            if event.start.astimezone(PARIS).year == year
        ]
        if (
            not events
            or SatisfactionAnswer.objects.filter(
                event_kind=kind, event_year=year, user__isnull=True
            ).exists()
        ):
            continue
        levels = [level for level in Level.values for _ in range(counts[level])]
        comments = data["comments"].get(kind, [])
        answers = []
        for index, level in enumerate(levels):
            event = events[index % len(events)]
            answers.append(
                SatisfactionAnswer(
                    event=event,
                    level=level,
                    comment=comments[index] if index < len(comments) else "",
                    event_kind=kind,
                    event_kind_label=event.get_kind_display(),
                    event_year=year,
                )
            )
        SatisfactionAnswer.objects.bulk_create(answers)
        created += len(answers)
    return created
