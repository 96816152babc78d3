"""Forgetting the cached copies (kb.site_cache, facet labels) when what they copy changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from kb.facets import forget_labels
from kb.models import Axis, Public, Territory
from kb.site_cache import page_version_changed


def forget_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction | Site):
        page_version_changed()


def connect() -> None:
    """A published, moved or deleted page, a site or view restriction change: re-read, and
    move the shared page version (the anonymous page cache of every worker checks it)."""
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(page_version_changed, dispatch_uid=f"kb-site-cache-{id(signal)}")
    for model in (Site, PageViewRestriction):
        post_save.connect(
            page_version_changed, sender=model, dispatch_uid=f"kb-site-cache-{model.__name__}"
        )
    post_delete.connect(forget_on_delete, dispatch_uid="kb-site-cache-delete")
    for model in (Axis, Public, Territory):
        for signal in (post_save, post_delete):
            signal.connect(forget_labels, sender=model, dispatch_uid=f"kb-labels-{model.__name__}")
