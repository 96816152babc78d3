"""The calendar, one-off events, and series of events (the mensuelle)."""

import datetime
import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events.recurrence import rule_dates
from events.views import event as event_views
from kb.blocks import BodyBlock
from kb.models.mixins import AsciiSlugMixin, AsciiSlugPageForm, PageLookupsMixin


class Kind(models.TextChoices):
    PLENIERE = "pleniere", "Réunion plénière"
    MENSUELLE = "mensuelle", "Mensuelle"
    WEBINAIRE = "webinaire", "Webinaire"
    JOURNEE = "journee_thematique", "Journée thématique"
    ATELIER = "atelier", "Atelier"


# The years an event may take place in: the month grid's range, and a bound that keeps a
# series' occurrences (one page each) and every date computed from them finite.
FIRST_YEAR, LAST_YEAR = 2000, 2100
YEARS_MESSAGE = f"Choisissez une date entre {FIRST_YEAR} et {LAST_YEAR}."


def _out_of_range(value) -> bool:
    return value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR


class Mode(models.TextChoices):
    PRESENTIEL = "presentiel", "Présentiel"
    DISTANCIEL = "distanciel", "Distanciel"
    BIMODAL = "bimodal", "Bimodal"


def _normalise(value):
    """Plain JSON values, whatever form a revision restored them in (time zone, enum)."""
    if isinstance(value, list | tuple):
        return [_normalise(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


class ICalSequenceMixin(models.Model):
    """RFC 5545 SEQUENCE: goes up by one each time a saved change alters what a feed says.

    The comparison is made against the stored row (not the in-memory value, which may
    come from an older revision), so publishing any revision can only move it forward.
    """

    sequence = models.PositiveIntegerField("révision iCalendar", default=0, editable=False)
    ical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            fingerprint = self.compute_ical_fingerprint()
            stored = (
                type(self).objects.filter(pk=self.pk).values("sequence", "ical_fingerprint").first()
                if self.pk
                else None
            )
            if stored is not None:
                self.sequence = stored["sequence"]
                if stored["ical_fingerprint"] and stored["ical_fingerprint"] != fingerprint:
                    self.sequence += 1
            self.ical_fingerprint = fingerprint
        return super().save(*args, **kwargs)

    def ical_values(self) -> list:
        raise NotImplementedError

    def compute_ical_fingerprint(self) -> str:
        payload = json.dumps(_normalise(self.ical_values()), sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


PARTICIPATION_PANELS = [
    FieldPanel("place"),
    FieldPanel("online_url"),
    FieldRowPanel([FieldPanel("registration_enabled"), FieldPanel("capacity")]),
    FieldPanel("registration_url"),
]


class EventDetails(models.Model):
    """What a one-off event and a series share."""

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    mode = models.CharField("format", max_length=12, choices=Mode.choices, default=Mode.BIMODAL)
    place = models.CharField("lieu", max_length=200, blank=True)
    online_url = models.URLField(
        "lien de visioconférence", blank=True, help_text="Affiché aux seuls membres."
    )
    registration_enabled = models.BooleanField(
        "inscription sur le site",
        default=False,
        help_text="Les membres s'inscrivent en un clic ; les animateurs exportent la liste.",
    )
    capacity = models.PositiveIntegerField(
        "nombre de places",
        null=True,
        blank=True,
        help_text="Vide : sans limite. Au-delà, liste d'attente.",
    )
    registration_url = models.URLField(
        "lien d'inscription externe", blank=True, help_text="Si l'inscription se fait ailleurs."
    )
    summary = models.TextField("résumé", blank=True)
    body = StreamField(BodyBlock(), verbose_name="programme", blank=True)

    class Meta:
        abstract = True

    def detail_ical_values(self) -> list:
        """The shared details a calendar shows: their change moves SEQUENCE."""
        return [self.title, self.kind, self.mode, self.place, self.online_url, self.summary]


class EventSeriesForm(AsciiSlugPageForm):
    """Checks the exceptions against the rule being saved, in the same form."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("exceptions")
        needed = ("first_date", "until", "weekday", "week_of_month")
        if formset is None or any(cleaned.get(name) in (None, "") for name in needed):
            return cleaned
        if _out_of_range(cleaned["first_date"]) or _out_of_range(cleaned["until"]):
            return cleaned  # refused by the page's own clean
        formset.is_valid()  # the inline forms are cleaned after this form otherwise
        dates = set(
            rule_dates(
                first_date=cleaned["first_date"],
                until=cleaned["until"],
                weekday=int(cleaned["weekday"]),
                week_of_month=int(cleaned["week_of_month"]),
            )
        )
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            original = data.get("original_date")
            if original and original not in dates:
                form.add_error("original_date", "Cette date n'est pas une occurrence de la série.")
            elif original in seen:
                form.add_error("original_date", "Une seule exception par occurrence.")
            seen.add(original)
            if _out_of_range(data.get("new_date")):
                form.add_error("new_date", YEARS_MESSAGE)
            start = data.get("new_start_time") or cleaned.get("start_time")
            end = data.get("new_end_time") or cleaned.get("end_time")
            moved = data.get("new_start_time") or data.get("new_end_time")
            if moved and start and end and end <= start:
                form.add_error("new_end_time", "L'heure de fin doit suivre l'heure de début.")
        return cleaned


class EventSeriesPage(
    RoutablePageMixin, ICalSequenceMixin, EventDetails, PageLookupsMixin, AsciiSlugMixin, Page
):
    """A recurring event, edited once: its occurrences are child EventPages kept in sync.

    Publishing the series creates, updates or unpublishes the occurrence pages
    (events.services.series_sync_occurrences); each occurrence keeps its own URL,
    its cancelled flag, programme, speakers and registrations.
    """

    class Weekday(models.IntegerChoices):
        LUNDI = 0, "lundi"
        MARDI = 1, "mardi"
        MERCREDI = 2, "mercredi"
        JEUDI = 3, "jeudi"
        VENDREDI = 4, "vendredi"
        SAMEDI = 5, "samedi"
        DIMANCHE = 6, "dimanche"

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, "1er"
        SECOND = 2, "2e"
        THIRD = 3, "3e"
        FOURTH = 4, "4e"
        LAST = -1, "dernier"

    weekday = models.IntegerField("jour", choices=Weekday.choices, default=Weekday.JEUDI)
    week_of_month = models.IntegerField(
        "semaine du mois", choices=WeekOfMonth.choices, default=WeekOfMonth.SECOND
    )
    first_date = models.DateField("à partir du")
    until = models.DateField("jusqu'au")
    start_time = models.TimeField("heure de début", help_text="Heure de Paris.")
    end_time = models.TimeField("heure de fin", help_text="Heure de Paris.")
    territories = ParentalManyToManyField(
        "kb.Territory", verbose_name="territoires concernés", blank=True, related_name="+"
    )

    base_form_class = EventSeriesForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("mode")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("week_of_month"), FieldPanel("weekday")]),
                FieldRowPanel([FieldPanel("first_date"), FieldPanel("until")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
            ],
            heading="Récurrence mensuelle",
        ),
        InlinePanel(
            "exceptions",
            heading="Exceptions",
            label="exception",
            help_text="Un mois sauté ou une date déplacée.",
        ),
        MultiFieldPanel(PARTICIPATION_PANELS, heading="Participation"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = "série d'événements"
        verbose_name_plural = "séries d'événements"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        for name in ("first_date", "until"):
            if _out_of_range(getattr(self, name)):
                errors[name] = YEARS_MESSAGE
        if not errors and self.first_date and self.until and self.until < self.first_date:
            errors["until"] = "La série ne peut pas finir avant de commencer."
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "L'heure de fin doit suivre l'heure de début."
        elif self.crosses_clock_change():
            errors["start_time"] = (
                "Les changements d'heure ont lieu un dimanche entre 2 h et 3 h : une série du "
                "dimanche ne peut pas commencer ou finir à ces heures, ni les traverser."
            )
        if errors:
            raise ValidationError(errors)

    def crosses_clock_change(self) -> bool:
        """A Sunday series whose times touch 2 h – 3 h, which the switch days skip or repeat.

        Calendar clients compute each occurrence from the rule, in wall-clock time with the
        first one's exact duration; on those days they would disagree with each other and
        with the occurrence pages.
        """
        if self.weekday != self.Weekday.DIMANCHE or not (self.start_time and self.end_time):
            return False
        return self.start_time < datetime.time(3) and self.end_time >= datetime.time(2)

    def ical_values(self) -> list:
        return [
            *self.detail_ical_values(),
            self.weekday,
            self.week_of_month,
            self.first_date,
            self.until,
            self.start_time,
            self.end_time,
            sorted(
                [e.original_date, e.new_date, e.new_start_time, e.new_end_time]
                for e in self.exceptions.all()
            ),
        ]

    @path("")
    def series_page(self, request):
        return event_views.series_page(request, page=self)


class EventSeriesException(Orderable):
    """A skipped month (no new date) or a moved date."""

    series = ParentalKey(EventSeriesPage, related_name="exceptions", on_delete=models.CASCADE)
    original_date = models.DateField("date prévue par la règle")
    new_date = models.DateField(
        "nouvelle date", null=True, blank=True, help_text="Vide : cette occurrence est sautée."
    )
    new_start_time = models.TimeField(
        "nouvelle heure de début", null=True, blank=True, help_text="Vide : heure de la série."
    )
    new_end_time = models.TimeField(
        "nouvelle heure de fin", null=True, blank=True, help_text="Vide : heure de la série."
    )
    note = models.CharField("motif", max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("new_date")]),
        FieldRowPanel([FieldPanel("new_start_time"), FieldPanel("new_end_time")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "exception"

    @property
    def is_skip(self) -> bool:
        """No new date nor time: the month is skipped (a new end time alone moves it)."""
        return self.new_date is None and self.new_start_time is None and self.new_end_time is None


SERIES_OWNED_FIELDS = (
    "title",
    "kind",
    "mode",
    "start",
    "end",
    "place",
    "online_url",
    "registration_enabled",
    "capacity",
    "registration_url",
    "summary",
    "territories",
)


class EventPageForm(AsciiSlugPageForm):
    """An occurrence of a series shows the series' fields read-only: they are edited once,
    in the series (a date moves through an exception there)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.series_id:
            note = f"Vient de la série « {self.instance.series} » : modifiez-la là-bas."
            for name in SERIES_OWNED_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = note


class EventPage(
    RoutablePageMixin, ICalSequenceMixin, EventDetails, PageLookupsMixin, AsciiSlugMixin, Page
):
    Kind = Kind
    Mode = Mode

    start = models.DateTimeField("début", help_text="Heure de Paris.")
    end = models.DateTimeField("fin", help_text="Heure de Paris.")
    cancelled = models.BooleanField("annulé", default=False)
    speakers = models.TextField("intervenants", blank=True, help_text="Un par ligne.")
    territories = ParentalManyToManyField(
        "kb.Territory", verbose_name="territoires concernés", blank=True, related_name="events"
    )
    series = models.ForeignKey(
        EventSeriesPage,
        verbose_name="série",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="occurrences",
    )
    occurrence_date = models.DateField(
        "date prévue par la règle", null=True, blank=True, editable=False
    )

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("mode")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("cancelled"),
        MultiFieldPanel(PARTICIPATION_PANELS, heading="Participation"),
        FieldPanel("summary"),
        FieldPanel("speakers"),
        FieldPanel("body"),
        InlinePanel("related_fiches", heading="Fiches pratiques liées", label="fiche"),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.SearchField("speakers"),
        index.FilterField("kind"),
        index.FilterField("mode"),
        index.FilterField("start"),
        index.FilterField("cancelled"),
    ]
    parent_page_types = ["events.EventIndexPage", "events.EventSeriesPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        # (start, end): the upcoming events (end >= now, by start) walk the starts in order
        # and test the end in the index, not in each past event's row. (end, start, page):
        # a month's events and the upcoming count find their rows in the index, without
        # reading every upcoming event's row.
        indexes = [
            models.Index(fields=["start", "end"]),
            models.Index(fields=["end", "start", "page_ptr"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {
            name: YEARS_MESSAGE for name in ("start", "end") if _out_of_range(getattr(self, name))
        }
        if not errors and self.start and self.end and self.end < self.start:
            errors["end"] = "Un événement ne peut pas finir avant de commencer."
        if errors:
            raise ValidationError(errors)

    def ical_values(self) -> list:
        return [
            *self.detail_ical_values(),
            self.start,
            self.end,
            self.cancelled,
        ]

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    @path("")
    def event_page(self, request):
        return event_views.event_page(request, page=self)

    @path("inscription/")
    def registration_toggle(self, request):
        return event_views.registration_toggle(request, page=self)

    @path("inscrits/")
    def registration_list(self, request):
        return event_views.registration_list(request, page=self)

    @path("inscrits/export/")
    def registration_export(self, request):
        return event_views.registration_export(request, page=self)


class EventFiche(Orderable):
    page = ParentalKey(EventPage, related_name="related_fiches", on_delete=models.CASCADE)
    fiche = models.ForeignKey(
        "kb.FichePage", verbose_name="fiche", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("fiche")]

    class Meta(Orderable.Meta):
        verbose_name = "fiche liée"
