"""What resources adds to territory and event pages and to search (ResourcesConfig.ready)."""

from kb import datasets, searchable, sections
from resources import activity
from resources.datasets import RESOURCES_DATASET
from resources.search_documents import RECORDINGS, RESOURCES
from resources.selectors import recording_for_event, resource_list_for_territory


def territory_resources(*, request, territory) -> dict | None:
    resources = list(resource_list_for_territory(territory=territory, user=request.user))
    return {"resources": resources} if resources else None


def event_recording(*, request, event) -> dict | None:
    """Once an event is past, its recording (if the visitor may see it)."""
    if not event.is_past:
        return None
    recording = recording_for_event(event=event, user=request.user)
    return {"recording": recording} if recording is not None else None


def register() -> None:
    sections.register(
        sections.TERRITORY,
        sections.Section(
            "resources", "resources/sections/territory_resources.html", territory_resources, 30
        ),
    )
    sections.register(
        sections.EVENT,
        sections.Section("recording", "resources/sections/event_recording.html", event_recording),
    )
    searchable.register(RECORDINGS)
    searchable.register(RESOURCES)
    datasets.register(RESOURCES_DATASET)
    activity.register()
