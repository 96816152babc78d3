"""Side effects of publishing: a series updates its occurrences, a larger capacity moves the
waiting list up, a cancellation or a new time is emailed to the registered members."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from wagtail.signals import page_published

from events.models import EventPage, EventSeriesPage
from events.registrations import tasks
from events.registrations.services import registration_promote_waiting
from events.selectors import event_change_from_stored
from events.services import series_sync_occurrences


def on_series_published(sender, instance, **kwargs):
    series_sync_occurrences(series=instance)


def on_event_published(sender, instance, **kwargs):
    if instance.registration_enabled:
        registration_promote_waiting(event=instance)


def on_event_saving(sender, instance, update_fields=None, raw=False, **kwargs):
    """Compare with the stored row before it changes. Drafts are saved with `update_fields`;
    a full save is a publication (or code)."""
    if raw or update_fields is not None:
        instance.change_to_announce = None
    else:
        instance.change_to_announce = event_change_from_stored(event=instance)


def on_event_saved(sender, instance, raw=False, **kwargs):
    change = getattr(instance, "change_to_announce", None)
    if change and instance.live and not raw:
        transaction.on_commit(lambda: tasks.send_event_change.enqueue(instance.pk, change))


def connect() -> None:
    page_published.connect(
        on_series_published, sender=EventSeriesPage, dispatch_uid="events-series-published"
    )
    page_published.connect(
        on_event_published, sender=EventPage, dispatch_uid="events-event-published"
    )
    pre_save.connect(on_event_saving, sender=EventPage, dispatch_uid="events-event-saving")
    post_save.connect(on_event_saved, sender=EventPage, dispatch_uid="events-event-saved")
