"""Mounted at /evenements/ before Wagtail's pages (which only serve paths ending in "/")."""

from django.urls import path, re_path

from events.views import feeds

app_name = "events"

urlpatterns = [
    path("calendrier.ics", feeds.feed, name="feed"),
    re_path(r"^calendrier/(?P<kind>[a-z_]+)\.ics$", feeds.feed_kind, name="feed_kind"),
    re_path(
        r"^territoires/(?P<slug>[-a-z0-9]+)\.ics$", feeds.feed_territory, name="feed_territory"
    ),
    re_path(
        r"^prive/(?P<token>[-_A-Za-z0-9]{1,100})\.ics$", feeds.feed_private, name="feed_private"
    ),
    path("mon-agenda/", feeds.my_calendar, name="my_calendar"),
    re_path(r"^(?P<path>[-\w]+(?:/[-\w]+)*)\.ics$", feeds.page_ics, name="page_ics"),
]
