from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "Base de connaissances"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from kb import checks  # noqa: F401 — registers the deploy checks
        from kb.models import Coordinator
        from kb.throttle import count_login_failure

        post_delete.connect(
            scrub_deleted_coordinator, sender=Coordinator, dispatch_uid="kb-coordinator-scrub"
        )
        connect_site_cache_signals()
        user_login_failed.connect(count_login_failure, dispatch_uid="kb-login-failure-per-ip")


def scrub_deleted_coordinator(sender, instance, **kwargs):
    """However an entry is deleted (admin, profile), no stored page revision keeps it."""
    from kb.services import scrub_revisions

    scrub_revisions(instance.pk)


def connect_site_cache_signals():
    """A published, moved or deleted page, a site or view restriction change: re-read, and
    move the shared page version (the anonymous page cache of every worker checks it)."""
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from kb.site_cache import page_version_changed

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(page_version_changed, dispatch_uid=f"kb-site-cache-{id(signal)}")
    for model in (Site, PageViewRestriction):
        post_save.connect(
            page_version_changed, sender=model, dispatch_uid=f"kb-site-cache-{model.__name__}"
        )
    post_delete.connect(forget_on_delete, dispatch_uid="kb-site-cache-delete")


def forget_on_delete(sender, instance, **kwargs):
    from wagtail.models import Page, PageViewRestriction, Site

    from kb.site_cache import page_version_changed

    if isinstance(instance, Page | PageViewRestriction | Site):
        page_version_changed()
