"""New events as news for members who follow their territories (registered in events.plugins,
read by the follows app through kb.activity). A series is one item, not one per occurrence."""

from django.utils import formats, timezone
from django.utils.text import Truncator

from events.models import EventPage, EventSeriesPage
from kb import activity
from kb.selectors import page_ids_public, page_list_published_between, page_urls

SUMMARY_WORDS = 40


def _when(start) -> str:
    return formats.date_format(timezone.localtime(start), "l j F Y, H \\h i")


def event_items(since, until):
    events = list(
        page_list_published_between(
            EventPage.objects.filter(series=None).prefetch_related("territories"),
            since=since,
            until=until,
        )
    )
    series = list(
        page_list_published_between(
            EventSeriesPage.objects.prefetch_related("territories"), since=since, until=until
        )
    )
    public = page_ids_public(
        EventPage.objects.filter(pk__in=[e.pk for e in events])
    ) | page_ids_public(EventSeriesPage.objects.filter(pk__in=[s.pk for s in series]))
    urls = page_urls(events + series)
    for event in events:
        yield activity.Item(
            key=f"event:{event.pk}",
            source="events",
            title=event.title,
            url=urls[event.pk],
            date=event.first_published_at,
            summary=_when(event.start) + (" — annulé" if event.cancelled else ""),
            members_only=event.pk not in public,
            concerns=activity.concerns_of(territories=[t.slug for t in event.territories.all()]),
            document=(EventPage, event.pk),
        )
    for page in series:
        yield activity.Item(
            key=f"event-series:{page.pk}",
            source="events",
            title=page.title,
            url=urls[page.pk],
            date=page.first_published_at,
            summary=Truncator(page.summary).words(SUMMARY_WORDS),
            members_only=page.pk not in public,
            concerns=activity.concerns_of(territories=[t.slug for t in page.territories.all()]),
        )


def register() -> None:
    activity.register_source(activity.Source("events", "Événements", event_items, order=40))
