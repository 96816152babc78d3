"""Reads of the resource library, visibility-aware."""

from django.db.models import QuerySet

from resources.models import RecordingPage, ResourcePage


def _visible(pages: QuerySet, user) -> QuerySet:
    from kb.permissions import is_member

    pages = pages.live()
    return pages if is_member(user) else pages.public()


def resource_list_visible(*, user) -> QuerySet[ResourcePage]:
    return (
        _visible(ResourcePage.objects.all(), user).select_related("axis").order_by("-year", "title")
    )


def recording_list_visible(*, user) -> QuerySet[RecordingPage]:
    return (
        _visible(RecordingPage.objects.all(), user)
        .select_related("event")
        .order_by("-event__start")
    )


def resource_list_for_territory(*, territory, user) -> QuerySet[ResourcePage]:
    return resource_list_visible(user=user).filter(territories=territory)


def recording_for_event(*, event, user) -> RecordingPage | None:
    """The recording of an event that `user` may see, if any (used by the event page)."""
    return recording_list_visible(user=user).filter(event=event).first()
