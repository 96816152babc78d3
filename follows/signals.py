"""Side effects: a published page may be news for immediate followers; a sign-in starts a
visit (« Nouveau depuis votre dernière visite »)."""

from django.contrib.auth.signals import user_logged_in
from wagtail.signals import page_published

from follows import services, tasks
from kb import activity


def on_page_published(sender, instance, **kwargs):
    activity.announce()


def on_login(sender, request, user, **kwargs):
    services.visit_record(user=user)


def connect() -> None:
    activity.connect_announcer(tasks.announce)
    page_published.connect(on_page_published, dispatch_uid="follows-page-published")
    user_logged_in.connect(on_login, dispatch_uid="follows-visit")
