"""Fiches pratiques: the community's good practices, each tied to territories and an axis."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kb import sections
from kb.blocks import BodyBlock
from kb.models.mixins import AsciiSlugMixin, AsciiSlugPageForm, PageLookupsMixin
from kb.models.snippets import Axis
from kb.site_cache import remember
from kb.validators import YEAR_VALIDATORS


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
    # Contact persons are directory entries: the one model kb names from a feature app, by its
    # label (never imported), because a fiche's editors pick them in the fiche's own form.
    contacts = ParentalManyToManyField(
        "directory.Coordinator",
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
        # The few axes come from this worker's copies (kb.site_cache), not one query a page.
        axes = remember("axes", lambda: {axis.pk: axis for axis in Axis.objects.all()})
        if self.axis_id in axes:
            self.axis = axes[self.axis_id]
        context["territories"] = list(self.territories.all())
        context["publics"] = list(self.publics.all())
        context["tags"] = list(self.tags.all())
        # The parent is always the fiche list: its URL is this one minus the slug.
        context["fiche_list_url"] = (self.get_url(request) or "").removesuffix(f"{self.slug}/")
        context["page_sections"] = sections.sections_for(sections.PAGE, request=request, page=self)
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
