"""The site's own pages: home, editorial pages, the fiche list and the territories."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from kb import sections
from kb.blocks import BodyBlock
from kb.models.mixins import AsciiSlugMixin, PageLookupsMixin
from kb.site_cache import remember
from kb.views import fiches as fiche_views
from kb.views import territories as territory_views


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="Chiffre", max_length=20)
    label = blocks.CharBlock(label="Libellé", max_length=120)

    class Meta:
        icon = "pick"
        label = "Chiffre clé"
        template = "components/blocks/key_figure.html"


class TestimonialBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Témoignage")
    source = blocks.CharBlock(label="Source", max_length=120, default="Un membre de la communauté")

    class Meta:
        icon = "openquote"
        label = "Témoignage"
        template = "components/blocks/quote.html"


class HomePage(PageLookupsMixin, AsciiSlugMixin, Page):
    intro = models.TextField("introduction", blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name="chiffres clés", blank=True
    )
    testimonials = StreamField(
        [("testimonial", TestimonialBlock())], verbose_name="témoignages", blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("key_figures"),
        FieldPanel("testimonials"),
    ]
    max_count = 1
    subpage_types = [
        "kb.FicheIndexPage",
        "kb.TerritoryIndexPage",
        "events.EventIndexPage",
        "resources.ResourceIndexPage",
        "kb.StandardPage",
    ]

    class Meta:
        verbose_name = "page d'accueil"

    def child_class_for_slug(self, slug):
        """The sections under the home page, by slug: a handful, kept (kb.site_cache)."""

        def section_classes():
            children = self.get_children().values_list("slug", "content_type_id")
            return {slug: ContentType.objects.get_for_id(ct).model_class() for slug, ct in children}

        return remember(f"home-sections:{self.pk}", section_classes).get(slug)

    def get_context(self, request, *args, **kwargs):
        """The sections apps register for the home page (kb.sections.HOME)."""
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections.sections_for(sections.HOME, request=request, page=self)
        return context


class StandardPage(PageLookupsMixin, AsciiSlugMixin, Page):
    """Editorial pages: données personnelles, mentions légales, accessibilité…"""

    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    subpage_types = ["kb.StandardPage"]

    class Meta:
        verbose_name = "page simple"


class FicheIndexPage(PageLookupsMixin, AsciiSlugMixin, Page):
    intro = models.TextField("introduction", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = ["kb.FichePage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des fiches pratiques"

    def serve(self, request, *args, **kwargs):
        return fiche_views.fiche_list(request, page=self)


class TerritoryIndexPage(RoutablePageMixin, PageLookupsMixin, AsciiSlugMixin, Page):
    """Lists the territories; each territory gets its own page under this one."""

    intro = models.TextField("introduction", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "liste des territoires"

    @classmethod
    def url_for_territory(cls, territory) -> str:
        return cls.urls_for_territories([territory])[territory.pk]

    @classmethod
    def urls_for_territories(cls, territories, request=None) -> dict[int, str]:
        """Territory page URLs; the index page's URL is kept (kb.site_cache)."""

        def index_url() -> str:
            index_page = cls.objects.live().first()
            return (index_page.get_url(request) or "") if index_page is not None else ""

        site = Site.find_for_request(request)
        base = remember(f"territory-index-url:{site.pk if site else None}", index_url)
        if not base:
            return {territory.pk: "" for territory in territories}
        resolver = cls.get_resolver()
        return {
            territory.pk: base + resolver.reverse("territory", territory.slug)
            for territory in territories
        }

    @path("")
    def territory_list(self, request):
        return territory_views.territory_list(request, page=self)

    @path("<slug:slug>/", name="territory")
    def territory_detail(self, request, slug):
        return territory_views.territory_detail(request, page=self, slug=slug)
