"""Which content changes reach the search index: page events for every page, and for each
registered source its model's saves and deletions and the objects it `depends_on`."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from kb import searchable
from search.documents import depending_keys, keys_for_object, page_key
from search.indexing import schedule


def page_keys(page: Page, *, descendants: bool = False) -> list[str]:
    keys = [page_key(page.pk)]
    if descendants:
        keys += [page_key(pk) for pk in page.get_descendants().values_list("pk", flat=True)]
    return keys


def on_page_change(sender, instance, **kwargs):
    """Published or unpublished: its document, and those built from it (a recorded event)."""
    schedule(page_keys(instance) + depending_keys(instance))


def on_page_move(sender, instance, **kwargs):
    schedule(page_keys(instance, descendants=True))


def on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule([page_key(instance.pk)])


def on_restriction_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule(page_keys(page, descendants=True))


def on_object_change(sender, instance, **kwargs):
    schedule(keys_for_object(instance))


def on_object_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        schedule(keys_for_object(instance))


def on_dependency_saved(sender, instance, **kwargs):
    """A territory, axis… renamed: the documents built from it (and its own, if any)."""
    schedule(keys_for_object(instance) + depending_keys(instance))


def connect() -> None:
    page_published.connect(on_page_change, dispatch_uid="search-published")
    page_unpublished.connect(on_page_change, dispatch_uid="search-unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="search-moved")
    post_delete.connect(on_page_delete, dispatch_uid="search-page-deleted")
    post_save.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restriction-saved"
    )
    post_delete.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restriction-deleted"
    )
    dependencies = set()
    for source in searchable.sources():
        for dependency in source.depends_on:
            dependencies.add(
                apps.get_model(dependency) if isinstance(dependency, str) else dependency
            )
    for source in searchable.object_sources():
        uid = f"search-{source.model._meta.label}"
        if source.model not in dependencies:
            post_save.connect(on_object_change, sender=source.model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(on_object_change, sender=source.model, dispatch_uid=f"{uid}-deleted")
        for name in source.many_to_many:
            through = getattr(source.model, name).through
            m2m_changed.connect(on_object_m2m, sender=through, dispatch_uid=f"{uid}-{name}")
    for model in dependencies:
        if not issubclass(model, Page):  # pages follow publishing, not every draft save
            post_save.connect(
                on_dependency_saved, sender=model, dispatch_uid=f"search-{model._meta.label}-deps"
            )
