from django.apps import AppConfig
from django.db.models.signals import post_delete


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "Base de connaissances"

    def ready(self):
        from kb import checks  # noqa: F401 — registers the deploy checks
        from kb.models import Coordinator

        post_delete.connect(
            scrub_deleted_coordinator, sender=Coordinator, dispatch_uid="kb-coordinator-scrub"
        )


def scrub_deleted_coordinator(sender, instance, **kwargs):
    """However an entry is deleted (admin, profile), no stored page revision keeps it."""
    from kb.services import scrub_revisions

    scrub_revisions(instance.pk)
