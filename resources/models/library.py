"""The library of deliverables and recordings (ResourceIndexPage)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from kb.models.mixins import AsciiSlugMixin, PageLookupsMixin
from resources.views import library as library_views


class ResourceIndexPage(PageLookupsMixin, AsciiSlugMixin, Page):
    intro = models.TextField("introduction", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = ["resources.ResourcePage", "resources.RecordingPage"]
    max_count = 1

    class Meta:
        verbose_name = "bibliothèque de ressources"

    def serve(self, request, *args, **kwargs):
        return library_views.library_page(request, page=self)
