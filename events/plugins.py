"""What the calendar adds to the home and territory pages and to search (EventsConfig.ready)."""

from events import activity
from events.datasets import EVENTS_DATASET
from events.search_documents import EVENTS
from events.selectors import event_list_for_territory, event_list_upcoming, event_next_mensuelle
from kb import datasets, providers, searchable, sections


def upcoming_events(*, request, page) -> dict:
    return {"events": event_list_upcoming(limit=4)}


def territory_events(*, request, territory) -> dict | None:
    events = list(event_list_for_territory(territory=territory))
    return {"events": events} if events else None


def register() -> None:
    sections.register(
        sections.HOME,
        sections.Section("events", "events/sections/upcoming.html", upcoming_events, 20),
    )
    sections.register(
        sections.TERRITORY,
        sections.Section("events", "events/sections/territory_events.html", territory_events, 20),
    )
    searchable.register(EVENTS)
    datasets.register(EVENTS_DATASET)
    activity.register()
    providers.register(providers.NEXT_MENSUELLE, event_next_mensuelle)
