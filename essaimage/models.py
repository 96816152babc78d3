"""Essaimage: a territory declares that it reused a fiche's practice (README « Contributions et
essaimage »). One declaration per territory and fiche, kept up to date by its members."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Reuse(models.Model):
    class Level(models.TextChoices):
        A_L_ETUDE = "a_l_etude", "À l'étude"
        ADAPTEE = "adaptee", "Adaptée"
        MISE_EN_OEUVRE = "mise_en_oeuvre", "Mise en œuvre"

    fiche = models.ForeignKey(
        "kb.FichePage", verbose_name="fiche", on_delete=models.CASCADE, related_name="reuses"
    )
    territory = models.ForeignKey(
        "kb.Territory", verbose_name="territoire", on_delete=models.CASCADE, related_name="reuses"
    )
    level = models.CharField("où en est la reprise", max_length=20, choices=Level.choices)
    note = models.TextField("note", max_length=1000, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déclarée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("mise à jour", default=timezone.now)

    class Meta:
        ordering = ["territory__name"]
        verbose_name = "reprise d'une pratique"
        verbose_name_plural = "reprises de pratiques"
        constraints = [
            models.UniqueConstraint(
                fields=["fiche", "territory"], name="essaimage_one_per_territory"
            )
        ]

    def __str__(self) -> str:
        return f"{self.territory} — {self.fiche} ({self.get_level_display()})"
