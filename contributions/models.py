"""Members' proposals: a fiche or a document, reviewed by the animators through a Wagtail
workflow before it is published (README « Contributions et essaimage »).

Until it is submitted, a proposal is only what the member typed (`data`): nothing exists in
the page tree. Submitted, it becomes a draft page (never live) owned by the member and
submitted to the workflow « Relecture par l'animation »; its state follows the workflow's
signals (contributions.signals).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Contribution(models.Model):
    class Kind(models.TextChoices):
        FICHE = "fiche", "Fiche pratique"
        DOCUMENT = "document", "Document"

    class State(models.TextChoices):
        BROUILLON = "brouillon", "Brouillon"
        EN_RELECTURE = "en_relecture", "En relecture"
        MODIFICATIONS = "modifications_demandees", "Modifications demandées"
        PUBLIEE = "publiee", "Publiée"
        REFUSEE = "refusee", "Refusée"

    EDITABLE = (State.BROUILLON, State.MODIFICATIONS)

    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    state = models.CharField(
        "état", max_length=30, choices=State.choices, default=State.BROUILLON, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    # The author's territory when they proposed it: the credit stays if their entry goes.
    territory = models.ForeignKey(
        "kb.Territory",
        verbose_name="territoire de l'auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    title = models.CharField("titre", max_length=255)
    data = models.JSONField("contenu proposé", default=dict)
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contribution",
    )
    review_comment = models.TextField("commentaire de l'animation", blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "proposition"
        verbose_name_plural = "propositions"
        indexes = [models.Index(fields=["author", "created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE


class ContributionAttachment(models.Model):
    """A file sent with a proposal: a Wagtail document in the review collection until the
    proposal is published."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "pièce jointe proposée"

    def __str__(self) -> str:
        return str(self.document)


class ContributionEvent(models.Model):
    """One change of state, with the reviewer's comment: the history the author reads and
    what the state e-mail is sent from (once: `emailed_at`)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="events")
    state = models.CharField("état", max_length=30, choices=Contribution.State.choices)
    comment = models.TextField("commentaire", blank=True)
    at = models.DateTimeField("date", default=timezone.now)
    emailed_at = models.DateTimeField("courriel envoyé le", null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "changement d'état"

    def __str__(self) -> str:
        return f"{self.contribution} — {self.get_state_display()} ({self.at:%d/%m/%Y %H:%M})"
