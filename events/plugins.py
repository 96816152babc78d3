"""What the calendar adds to the home and territory pages and to search (EventsConfig.ready)."""

from urllib.parse import urlencode

from events import activity
from events.datasets import EVENTS_DATASET
from events.models import EventIndexPage
from events.registrations.selectors import registration_participant_ids
from events.search_documents import EVENTS
from events.selectors import (
    event_list_ended_between,
    event_list_for_territory,
    event_list_upcoming,
    event_next_mensuelle,
)
from kb import datasets, providers, searchable, sections
from kb.selectors import listing_url


def upcoming_events(*, request, page) -> dict:
    return {"events": event_list_upcoming(limit=4)}


def territory_events(*, request, territory) -> dict:
    """The territory's next events and the calendar filtered on it; its past events' list."""
    query = {"territory": territory.slug}
    calendar = listing_url(EventIndexPage, request)
    events = event_list_for_territory(territory=territory, user=request.user)
    return {
        "events": sections.select(events, url=listing_url(EventIndexPage, request, **query)),
        "past_url": f"{calendar}passes/?{urlencode(query)}" if calendar else "",
    }


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
    providers.register(providers.EVENTS_ENDED, event_list_ended_between)
    providers.register(providers.EVENT_PARTICIPANTS, registration_participant_ids)
