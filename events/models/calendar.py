"""The calendar page: upcoming events, the month grid, past events (views in events.views)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from events.views import calendar as calendar_views
from kb.models.mixins import AsciiSlugMixin, PageLookupsMixin


class EventIndexPage(RoutablePageMixin, PageLookupsMixin, AsciiSlugMixin, Page):
    """The calendar: upcoming and past lists, month grid, filters (views in events.views).

    The iCalendar feeds and the member's private feed page are plain Django views
    (events/urls.py, mounted at /evenements/), as Wagtail only serves paths ending in "/".
    """

    intro = models.TextField("introduction", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = ["events.EventPage", "events.EventSeriesPage"]
    max_count = 1

    class Meta:
        verbose_name = "calendrier des événements"

    @path("")
    def upcoming(self, request):
        return calendar_views.upcoming(request, page=self)

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/$")
    def month(self, request, year, month):
        return calendar_views.month(request, page=self, year=int(year), month=int(month))

    @path("passes/")
    def past(self, request):
        return calendar_views.past(request, page=self)
