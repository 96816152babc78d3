"""Deliverables (ResourcePage) and webinar recordings (RecordingPage)."""

from django import forms
from django.db import models
from django.http import Http404, HttpResponse
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kb import sections
from kb.blocks import BodyBlock
from kb.models.mixins import AsciiSlugMixin, PageLookupsMixin
from kb.validators import YEAR_VALIDATORS
from resources.forms import RecordingPageForm
from resources.transcripts import paragraphs, safe_cues, timecode


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ResourcePage(PageLookupsMixin, AsciiSlugMixin, Page):
    class Kind(models.TextChoices):
        GUIDE = "guide", "Guide"
        KIT = "kit", "Kit"
        COMPTE_RENDU = "compte_rendu", "Compte rendu"
        PRESENTATION = "presentation", "Présentation"
        MODELE = "modele", "Modèle"
        VIDEO = "video", "Vidéo"

    kind = models.CharField("type de livrable", max_length=20, choices=Kind.choices)
    summary = models.TextField("résumé")
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    axis = models.ForeignKey(
        "kb.Axis",
        verbose_name="axe de travail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    territories = ParentalManyToManyField(
        "kb.Territory", verbose_name="territoires", blank=True, related_name="resources"
    )
    year = models.PositiveSmallIntegerField("année", validators=YEAR_VALIDATORS)
    tags = ClusterTaggableManager("mots-clés", through=ResourceTag, blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("documents", label="Documents"),
        MultiFieldPanel(
            [
                FieldPanel("axis"),
                FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Classement",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("axis"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "ressource"
        verbose_name_plural = "ressources"

    def get_context(self, request, *args, **kwargs):
        """The sections apps register below a content page (kb.sections.PAGE)."""
        context = super().get_context(request, *args, **kwargs)
        context["page_sections"] = sections.sections_for(sections.PAGE, request=request, page=self)
        return context


class ResourceDocument(Orderable):
    page = ParentalKey(ResourcePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("intitulé", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "document"


class RecordingTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.RecordingPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ChapterBlock(blocks.StructBlock):
    start = blocks.IntegerBlock(label="Début (secondes)", min_value=0)
    title = blocks.CharBlock(label="Titre", max_length=200)

    class Meta:
        icon = "time"
        label = "Chapitre"
        template = "components/blocks/chapter.html"


class RecordingPage(RoutablePageMixin, PageLookupsMixin, AsciiSlugMixin, Page):
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name="événement enregistré",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recordings",
    )
    summary = models.TextField("résumé")
    video_url = models.URLField("lien de la vidéo", blank=True)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="fichier vidéo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="support de présentation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speakers = models.TextField("intervenants", blank=True, help_text="Un intervenant par ligne.")
    chapters = StreamField([("chapter", ChapterBlock())], verbose_name="chapitres", blank=True)
    transcript = models.TextField(
        "transcription (WebVTT)", blank=True, help_text="Contenu d'un fichier WebVTT."
    )
    axis = models.ForeignKey(
        "kb.Axis",
        verbose_name="axe de travail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recordings",
    )
    tags = ClusterTaggableManager("mots-clés", through=RecordingTag, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("event"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("video"), FieldPanel("slides")],
            heading="Médias",
        ),
        FieldPanel("speakers"),
        FieldPanel("chapters"),
        MultiFieldPanel(
            [FieldPanel("transcript_file"), FieldPanel("transcript")],
            heading="Transcription",
        ),
        FieldPanel("axis"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("speakers"),
        index.SearchField("transcript"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    base_form_class = RecordingPageForm

    class Meta:
        verbose_name = "enregistrement de webinaire"
        verbose_name_plural = "enregistrements de webinaires"

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    @property
    def date(self):
        return self.event.start if self.event_id else self.first_published_at

    @property
    def video_source(self) -> dict | None:
        """What the player plays: the uploaded file, else a direct link to a video file."""
        if self.video_id and self.video:
            extension = self.video.file_extension.lower()
            return {"url": self.video.url, "type": VIDEO_TYPES.get(extension, "")}
        extension = self.video_url.rsplit("?", 1)[0].rsplit(".", 1)[-1].lower()
        if self.video_url and extension in VIDEO_TYPES:
            return {"url": self.video_url, "type": VIDEO_TYPES[extension]}
        return None

    @path("")
    def show(self, request):
        return self.render(request)

    @path("sous-titres/", name="captions")
    def captions(self, request):
        """The transcript as the player's captions track (the same WebVTT file)."""
        if not safe_cues(self.transcript):
            raise Http404("Pas de transcription pour cet enregistrement.")
        response = HttpResponse(
            self.transcript.lstrip("\ufeff"), content_type="text/vtt; charset=utf-8"
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cues = safe_cues(self.transcript)
        chapters = [
            {
                "seconds": block.value["start"],
                "label": timecode(block.value["start"]),
                "title": block.value["title"],
            }
            for block in self.chapters
        ]
        context["transcript_cues"] = cues
        context["transcript_paragraphs"] = paragraphs(cues, [c["seconds"] for c in chapters])
        context["chapter_list"] = chapters
        context["start_time"] = start_time(request.GET.get("t"))
        context["page_sections"] = sections.sections_for(sections.PAGE, request=request, page=self)
        return context


VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}


def start_time(raw: str | None) -> int | None:
    """The `?t=` of a cue link, in seconds; anything else is ignored."""
    if raw and raw.isdigit() and len(raw) <= 6:
        return int(raw)
    return None
