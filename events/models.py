from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from kb.blocks import BodyBlock


class EventIndexPage(Page):
    intro = models.TextField("introduction", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "calendrier des événements"

    def get_context(self, request, *args, **kwargs):
        from events.selectors import event_list_past, event_list_upcoming

        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = event_list_upcoming()
        context["past"] = event_list_past()
        return context


class EventPage(Page):
    class Kind(models.TextChoices):
        PLENIERE = "pleniere", "Réunion plénière"
        MENSUELLE = "mensuelle", "Mensuelle"
        WEBINAIRE = "webinaire", "Webinaire"
        JOURNEE = "journee_thematique", "Journée thématique"
        ATELIER = "atelier", "Atelier"

    class Mode(models.TextChoices):
        PRESENTIEL = "presentiel", "Présentiel"
        DISTANCIEL = "distanciel", "Distanciel"
        BIMODAL = "bimodal", "Bimodal"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    start = models.DateTimeField("début", help_text="Heure de Paris.")
    end = models.DateTimeField("fin", help_text="Heure de Paris.")
    mode = models.CharField("format", max_length=12, choices=Mode.choices, default=Mode.BIMODAL)
    place = models.CharField("lieu", max_length=200, blank=True)
    online_url = models.URLField(
        "lien de visioconférence", blank=True, help_text="Affiché aux seuls membres."
    )
    registration_url = models.URLField("lien d'inscription", blank=True)
    cancelled = models.BooleanField("annulé", default=False)
    summary = models.TextField("résumé", blank=True)
    body = StreamField(BodyBlock(), verbose_name="programme", blank=True)
    territories = ParentalManyToManyField(
        "kb.Territory", verbose_name="territoires concernés", blank=True, related_name="events"
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("mode")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("online_url"),
                FieldPanel("registration_url"),
                FieldPanel("cancelled"),
            ],
            heading="Participation",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("cancelled"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Un événement ne peut pas finir avant de commencer."})

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def recording(self):
        return self.recordings.live().first()
