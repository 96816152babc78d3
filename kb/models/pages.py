from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kb.blocks import BodyBlock
from kb.models.mixins import AsciiSlugMixin, AsciiSlugPageForm, PageLookupsMixin

YEAR_VALIDATORS = [
    MinValueValidator(2023, "L'année doit être comprise entre 2023 et 2030."),
    MaxValueValidator(2030, "L'année doit être comprise entre 2023 et 2030."),
]


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
        """The sections under the home page, by slug: a handful, kept per process."""
        from django.contrib.contenttypes.models import ContentType

        from kb.site_cache import remember

        def section_classes():
            children = self.get_children().values_list("slug", "content_type_id")
            return {slug: ContentType.objects.get_for_id(ct).model_class() for slug, ct in children}

        return remember(("sections", self.pk), section_classes).get(slug)

    def get_context(self, request, *args, **kwargs):
        from events.selectors import event_list_upcoming
        from kb.selectors import fiche_list_latest

        context = super().get_context(request, *args, **kwargs)
        context["latest_fiches"] = fiche_list_latest(limit=6)
        context["upcoming_events"] = event_list_upcoming(limit=4)
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
        from django.core.paginator import Paginator
        from django.template.response import TemplateResponse

        from kb.forms import FicheFilterForm
        from kb.selectors import fiche_count_filtered, fiche_list_filtered

        form = FicheFilterForm(request.GET or None)
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        if form.is_bound and not form.is_valid():
            return TemplateResponse(request, self.get_template(request), context, status=400)
        filters = {
            k: v for k, v in (form.cleaned_data if form.is_bound else {}).items() if k != "page"
        }
        paginator = Paginator(fiche_list_filtered(parent=self, **filters), 12)
        paginator.count = fiche_count_filtered(parent=self, **filters)  # a cheaper count
        page_number = (form.cleaned_data.get("page") if form.is_bound else None) or 1
        if page_number > paginator.num_pages:
            raise Http404("Cette page de résultats n'existe pas.")
        query = request.GET.copy()
        query.pop("page", None)
        context["page_obj"] = paginator.page(page_number)
        context["filter_query_string"] = f"{query.urlencode()}&" if query else ""
        return TemplateResponse(request, self.get_template(request), context)


class FicheTag(TaggedItemBase):
    content_object = ParentalKey(
        "kb.FichePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class FichePageForm(AsciiSlugPageForm):
    def clean(self):
        cleaned = super().clean()
        if "territories" in self.fields and not cleaned.get("territories"):
            self.add_error("territories", "Une fiche doit être rattachée à au moins un territoire.")
        return cleaned


class FichePage(PageLookupsMixin, AsciiSlugMixin, Page):
    class Status(models.TextChoices):
        A_INITIER = "a_initier", "À initier"
        EN_COURS = "en_cours", "En cours"
        TERMINEE = "terminee", "Terminée"

    chapo = models.TextField("chapô", help_text="Deux ou trois phrases qui résument l'action.")
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    axis = models.ForeignKey(
        "kb.Axis",
        verbose_name="axe de travail",
        null=True,
        on_delete=models.PROTECT,
        related_name="fiches",
    )
    territories = ParentalManyToManyField(
        "kb.Territory", verbose_name="territoires", related_name="fiches"
    )
    publics = ParentalManyToManyField(
        "kb.Public", verbose_name="publics cibles", related_name="fiches", blank=True
    )
    status = models.CharField("état d'avancement", max_length=12, choices=Status.choices)
    year = models.PositiveSmallIntegerField("année", validators=YEAR_VALIDATORS)
    partners = models.TextField(
        "partenaires", blank=True, help_text="Un partenaire par ligne (CAF, CPAM, bailleurs…)."
    )
    contacts = ParentalManyToManyField(
        "kb.Coordinator",
        verbose_name="personnes à contacter",
        related_name="fiches",
        blank=True,
        help_text="Visibles des seuls membres.",
    )
    tags = ClusterTaggableManager("mots-clés", through=FicheTag, blank=True)

    base_form_class = FichePageForm
    content_panels = Page.content_panels + [
        FieldPanel("chapo"),
        FieldPanel("body"),
        InlinePanel("attachments", label="Pièces jointes"),
    ]
    classification_panels = [
        FieldPanel("axis"),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("publics", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("status"), FieldPanel("year")]),
        FieldPanel("tags"),
    ]
    people_panels = [
        FieldPanel("partners"),
        FieldPanel("contacts", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Contenu"),
            ObjectList(classification_panels, heading="Classement"),
            ObjectList(people_panels, heading="Partenaires et contacts"),
            ObjectList(Page.promote_panels, heading="Promotion"),
            ObjectList(Page.settings_panels, heading="Paramètres"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("chapo"),
        index.SearchField("body"),
        index.SearchField("partners"),
        index.RelatedFields("axis", [index.SearchField("name")]),
        index.RelatedFields("territories", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("axis"),
        index.FilterField("status"),
        index.FilterField("year"),
    ]
    parent_page_types = ["kb.FicheIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "fiche pratique"
        verbose_name_plural = "fiches pratiques"

    def clean(self):
        super().clean()
        if self.axis_id is None:
            raise ValidationError({"axis": "Choisissez l'axe de travail de la fiche."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        territories = list(self.territories.all())
        urls = TerritoryIndexPage.urls_for_territories(territories, request)
        context["territory_links"] = [(territory, urls[territory.pk]) for territory in territories]
        context["publics"] = list(self.publics.all())
        context["tags"] = list(self.tags.all())
        # The parent is always the fiche list: its URL is this one minus the slug.
        context["fiche_list_url"] = (self.get_url(request) or "").removesuffix(f"{self.slug}/")
        return context

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


class FicheAttachment(Orderable):
    page = ParentalKey(FichePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("intitulé", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "pièce jointe"


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
        """Territory page URLs; the index page's URL is kept per process (kb.site_cache)."""
        from wagtail.models import Site

        from kb.site_cache import remember

        def index_url() -> str:
            index_page = cls.objects.live().first()
            return (index_page.get_url(request) or "") if index_page is not None else ""

        site = Site.find_for_request(request)
        base = remember(("territory index url", site.pk if site else None), index_url)
        if not base:
            return {territory.pk: "" for territory in territories}
        resolver = cls.get_resolver()
        return {
            territory.pk: base + resolver.reverse("territory", territory.slug)
            for territory in territories
        }

    @path("")
    def territory_list(self, request):
        from kb.selectors import territory_list_by_region

        return self.render(request, context_overrides={"regions": territory_list_by_region()})

    @path("<slug:slug>/", name="territory")
    def territory_detail(self, request, slug):
        from events.selectors import event_list_for_territory
        from kb.models import Territory
        from kb.permissions import is_member
        from kb.selectors import coordinator_list_visible, fiche_list_for_territory
        from resources.selectors import resource_list_for_territory

        territory = get_object_or_404(Territory, slug=slug)
        member = is_member(request.user)
        return self.render(
            request,
            template="kb/territory_page.html",
            context_overrides={
                "territory": territory,
                "fiches": fiche_list_for_territory(territory=territory),
                "events": event_list_for_territory(territory=territory),
                "resources": resource_list_for_territory(territory=territory, user=request.user),
                "coordinators": coordinator_list_visible(territory=territory) if member else None,
            },
        )
