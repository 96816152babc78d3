"""However a directory entry is deleted (admin, profile), no stored page revision keeps it."""

from django.db.models.signals import post_delete

from directory.models import Coordinator
from directory.services import scrub_revisions


def on_coordinator_deleted(sender, instance, **kwargs):
    scrub_revisions(instance.pk)


def connect() -> None:
    post_delete.connect(
        on_coordinator_deleted, sender=Coordinator, dispatch_uid="directory-coordinator-scrub"
    )
