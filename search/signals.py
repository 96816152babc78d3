"""Which content changes reach the search index."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.facets import clear_facet_labels
from search.indexing import schedule


def page_keys(page: Page, *, descendants: bool = False) -> list[str]:
    keys = [f"page:{page.pk}"]
    if descendants:
        keys += [f"page:{pk}" for pk in page.get_descendants().values_list("pk", flat=True)]
    return keys


def on_page_change(sender, instance, **kwargs):
    schedule(page_keys(instance))


def on_page_move(sender, instance, **kwargs):
    schedule(page_keys(instance, descendants=True))


def on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule([f"page:{instance.pk}"])


def on_restriction_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule(page_keys(page, descendants=True))


def on_territory_change(sender, instance, **kwargs):
    pages = set(instance.fiches.values_list("pk", flat=True))
    pages |= set(instance.events.values_list("pk", flat=True))
    pages |= set(instance.resources.values_list("pk", flat=True))
    coordinators = instance.coordinators.values_list("pk", flat=True)
    schedule(
        [f"territory:{instance.pk}"]
        + [f"page:{pk}" for pk in pages]
        + [f"coordinator:{pk}" for pk in coordinators]
    )


def on_vocabulary_change(sender, instance, **kwargs):
    """An axis or public renamed or re-slugged: the documents that carry it."""
    keys = [f"page:{pk}" for pk in instance.fiches.values_list("pk", flat=True)]
    keys += [f"coordinator:{pk}" for pk in instance.coordinators.values_list("pk", flat=True)]
    schedule(keys)


def on_coordinator_change(sender, instance, **kwargs):
    schedule([f"coordinator:{instance.pk}"])


def connect() -> None:
    from kb.models import Axis, Coordinator, Public, Territory

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
    post_save.connect(on_territory_change, sender=Territory, dispatch_uid="search-territory")
    for model in (Axis, Public, Territory):
        for signal in (post_save, post_delete):
            signal.connect(
                clear_facet_labels, sender=model, dispatch_uid=f"search-labels-{model.__name__}"
            )
    for model in (Axis, Public):
        post_save.connect(
            on_vocabulary_change, sender=model, dispatch_uid=f"search-{model.__name__}"
        )
    post_save.connect(on_coordinator_change, sender=Coordinator, dispatch_uid="search-coord-saved")
    post_delete.connect(
        on_coordinator_change, sender=Coordinator, dispatch_uid="search-coord-deleted"
    )
    for through in (Coordinator.axes.through, Coordinator.publics.through):
        m2m_changed.connect(on_coordinator_m2m, sender=through, dispatch_uid=f"search-{through}")


def on_coordinator_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        schedule([f"coordinator:{instance.pk}"])
