"""Publishing a series updates its occurrences; a larger capacity moves the waiting list up."""

from wagtail.signals import page_published


def on_series_published(sender, instance, **kwargs):
    from events.services import series_sync_occurrences

    series_sync_occurrences(series=instance)


def on_event_published(sender, instance, **kwargs):
    from events.services import registration_promote_waiting

    if instance.registration_enabled:
        registration_promote_waiting(event=instance)


def connect() -> None:
    from events.models import EventPage, EventSeriesPage

    page_published.connect(
        on_series_published, sender=EventSeriesPage, dispatch_uid="events-series-published"
    )
    page_published.connect(
        on_event_published, sender=EventPage, dispatch_uid="events-event-published"
    )
