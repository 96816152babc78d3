"""Demo answers to the satisfaction questionnaire (demo/data/satisfaction.json): the 2024
review's rates (92 % of the plénières, 100 % of the webinaires, 88 % of the Mensuelles very
useful or useful), spread over the demo's events of 2024 of each kind, without a member (they
stand for the answers of January 2025's questionnaire).

Idempotent: an event that already has answers without a member is left alone.

Also a few weeks of usage counts (`load_usage`) for the animators' usage page.
"""

import json
import random
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from events.models import EventPage
from feedback.models import DailyCount, Level, SatisfactionAnswer, SearchCount

DATA = Path(__file__).resolve().parent / "data" / "satisfaction.json"
PAGE_TYPES = (
    "kb.fichepage",
    "resources.resourcepage",
    "resources.recordingpage",
    "events.eventpage",
    "kb.homepage",
)
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


# Searches of the demo's usage figures: (query, results); those with 0 found nothing.
SEARCHES = (
    ("aller vers", 14),
    ("accès aux droits", 22),
    ("illectronisme", 6),
    ("rsa", 9),
    ("mensuelle", 11),
    ("c2s", 3),
    ("chèque énergie", 0),
    ("mutuelle communale", 0),
    ("bus itinérant", 0),
    ("point conseil budget", 0),
    ("aidants familiaux", 0),
    ("gens du voyage", 0),
)
USAGE_DAYS = 84  # the animators' page shows the last 12 weeks by default


def load_usage(*, today=None) -> int:
    """A few weeks of plausible usage counts (pages, downloads, plays, searches), so that the
    animators' usage page is not empty; the number of rows created. Idempotent: nothing is
    added once any count exists."""
    if DailyCount.objects.exists() or SearchCount.objects.exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(20)  # noqa: S311 (plausible figures, not secrets)
    types = [ContentType.objects.get_by_natural_key(*label.split(".")) for label in PAGE_TYPES]
    pages = Page.objects.live().filter(content_type__in=types)
    recordings = pages.filter(content_type__model="recordingpage")
    items = [
        *((DailyCount.Kind.PAGE, pk, 1.5) for pk in pages.values_list("pk", flat=True)),
        *(
            (DailyCount.Kind.DOCUMENT, pk, 1)
            for pk in get_document_model().objects.values_list("pk", flat=True)[:20]
        ),
        *((DailyCount.Kind.VIDEO, pk, 1.5) for pk in recordings.values_list("pk", flat=True)),
    ]
    popularity = {key: rng.uniform(0.2, 3) for key in [*items, *SEARCHES]}
    counts, searches = [], []
    for offset in range(USAGE_DAYS):
        day = today - timedelta(days=offset)
        # Fewer uses at weekends, and a little more each week (the site is new).
        pace = (0.3 if day.weekday() >= 5 else 1.0) / (1 + offset / USAGE_DAYS)
        for kind, item, scale in items:
            n = round(rng.expovariate(1 / (scale * pace * popularity[kind, item, scale])))
            if n:
                counts.append(DailyCount(day=day, kind=kind, item=item, n=n))
        for query, results in SEARCHES:
            n = round(rng.expovariate(1 / (pace * popularity[query, results])))
            if n:
                searches.append(SearchCount(day=day, query=query, results=results, n=n))
    DailyCount.objects.bulk_create(counts)
    SearchCount.objects.bulk_create(searches)
    return len(counts) + len(searches)
