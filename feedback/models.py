"""What members tell the animators, and what the site counts (no cookie, no personal data).

Every page is referred to as a `wagtailcore.Page` (an event, a fiche, a resource, a
recording), never by importing the app that owns its type.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

NOTE_MAX = 2000
REASON_MAX = 500


class Level(models.TextChoices):
    """The four levels of the community's satisfaction questionnaire (review 2024)."""

    TRES_UTILE = "tres_utile", "Très utile"
    UTILE = "utile", "Utile"
    PEU_UTILE = "peu_utile", "Peu utile"
    INUTILE = "inutile", "Inutile"


class SatisfactionAnswer(models.Model):
    """One member's answer about one event; the event's kind and year are copied in, so the
    results by kind and year read this table alone. An answer without a member was imported
    from a questionnaire answered elsewhere (the demo's answers of the 2024 review)."""

    event = models.ForeignKey(
        "wagtailcore.Page", verbose_name="événement", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="membre",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="satisfaction_answers",
    )
    event_kind = models.CharField("type d'événement", max_length=30)
    event_kind_label = models.CharField("libellé du type", max_length=100)
    event_year = models.PositiveSmallIntegerField("année de l'événement")
    level = models.CharField("utilité", max_length=12, choices=Level.choices)
    comment = models.TextField("commentaire", blank=True, max_length=NOTE_MAX)
    created_at = models.DateTimeField("répondu le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "réponse au questionnaire de satisfaction"
        verbose_name_plural = "réponses au questionnaire de satisfaction"
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="feedback_one_answer_each")
        ]
        indexes = [models.Index(fields=["event_year", "event_kind"])]

    def __str__(self):
        return f"{self.user} — {self.event_id} : {self.get_level_display()}"


class SurveyInvitation(models.Model):
    """The questionnaire was e-mailed to this member for this event: sent once."""

    event = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "envoi du questionnaire"
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="feedback_one_invitation_each")
        ]

    def __str__(self):
        return f"{self.user} — {self.event_id}"


class UsefulVote(models.Model):
    """« Cette page vous a-t-elle été utile ? »: one vote per member and page; a visitor's
    vote is kept under their session (no account) and counted apart."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="useful_votes",
    )
    session_key = models.CharField(max_length=40, blank=True)
    useful = models.BooleanField("utile")
    reason = models.CharField("raison", max_length=REASON_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "vote « utile ? »"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=models.Q(user__isnull=False),
                name="feedback_one_member_vote_each",
            ),
            models.UniqueConstraint(
                fields=["page", "session_key"],
                condition=models.Q(user__isnull=True),
                name="feedback_one_session_vote_each",
            ),
        ]

    def __str__(self):
        return f"{'Utile' if self.useful else 'Pas utile'} — page {self.page_id}"


class ProblemReport(models.Model):
    """« Signaler un problème » on a fiche, a resource or a recording."""

    class Kind(models.TextChoices):
        OBSOLETE = "obsolete", "Obsolète"
        ERRONEE = "erronee", "Erronée"
        DOUBLON = "doublon", "Doublon"
        AUTRE = "autre", "Autre"

    class State(models.TextChoices):
        NOUVEAU = "nouveau", "Nouveau"
        EN_COURS = "en_cours", "En cours"
        TRAITE = "traite", "Traité"

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="page", on_delete=models.CASCADE, related_name="+"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="signalé par",
        null=True,
        on_delete=models.CASCADE,
        related_name="problem_reports",
    )
    kind = models.CharField("problème", max_length=10, choices=Kind.choices)
    note = models.TextField("précisions", blank=True, max_length=NOTE_MAX)
    state = models.CharField("état", max_length=10, choices=State.choices, default="nouveau")
    created_at = models.DateTimeField("signalé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="suivi par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_told_at = models.DateTimeField("propriétaire prévenu le", null=True, blank=True)

    class Meta:
        verbose_name = "signalement de contenu"
        verbose_name_plural = "signalements de contenu"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} — page {self.page_id}"


class Freshness(models.Model):
    """When a fiche or a resource was last checked, and how often it must be. Without a row,
    a page counts as checked on its last publication, every 12 months."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="freshness"
    )
    verified_on = models.DateField("vérifiée le")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interval_months = models.PositiveSmallIntegerField(
        "revue tous les (mois)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    reminded_for = models.DateField("rappel envoyé pour l'échéance du", null=True, blank=True)

    class Meta:
        verbose_name = "fraîcheur d'une page"

    def __str__(self):
        return f"Page {self.page_id} vérifiée le {self.verified_on:%d/%m/%Y}"


class DailyCount(models.Model):
    """How many times an item was used on a day: a page read, a document downloaded, a video
    played. No visitor is ever recorded: neither who, nor from where, nor when in the day."""

    class Kind(models.TextChoices):
        PAGE = "page", "Page vue"
        DOCUMENT = "document", "Document téléchargé"
        VIDEO = "video", "Vidéo lue"

    day = models.DateField("jour")
    kind = models.CharField("usage", max_length=10, choices=Kind.choices)
    item = models.PositiveBigIntegerField("élément")  # a page's or a document's id
    n = models.PositiveIntegerField("nombre", default=0)

    class Meta:
        verbose_name = "usage quotidien"
        verbose_name_plural = "usages quotidiens"
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "item"], name="feedback_one_count_a_day")
        ]

    def __str__(self):
        return f"{self.day} {self.kind} {self.item} : {self.n}"


class SearchCount(models.Model):
    """How many times a query was searched on a day with that many results (0: found
    nothing). The query is normalised; one that looks like personal data is masked."""

    day = models.DateField("jour")
    query = models.CharField("recherche", max_length=100)
    results = models.PositiveIntegerField("résultats")
    n = models.PositiveIntegerField("nombre", default=0)

    class Meta:
        verbose_name = "recherche du jour"
        verbose_name_plural = "recherches du jour"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "results"], name="feedback_one_search_count_a_day"
            )
        ]
        indexes = [models.Index(fields=["results", "day"])]

    def __str__(self):
        return f"{self.day} « {self.query} » ({self.results}) : {self.n}"
