"""Forgetting the kept figures when what they count changes: a page published, unpublished,
moved, saved or deleted, a view restriction, a territory, axis or public, and the models the
registered figure providers depend on (kb.figures.Provider.depends_on)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from kb import figures
from kb.models import Axis, Public, Territory
from observatory.cache import forget

WATCHED = (Page, PageViewRestriction, Territory, Axis, Public)


def forget_on_change(sender, instance, **kwargs) -> None:
    dependencies = tuple(model for p in figures.registered() for model in p.depends_on)
    if isinstance(instance, WATCHED + dependencies):
        forget()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"observatory-{id(signal)}")
    post_save.connect(forget_on_change, dispatch_uid="observatory-save")
    post_delete.connect(forget_on_change, dispatch_uid="observatory-delete")
