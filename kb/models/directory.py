"""The coordinator directory: personal data, shown to members only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Coordinator(models.Model):
    name = models.CharField(
        "nom", max_length=150, help_text="Nom et prénom, ou un rôle (« Coordination TZNR »)."
    )
    role = models.CharField("fonction", max_length=150)
    territory = models.ForeignKey(
        "kb.Territory",
        verbose_name="territoire",
        on_delete=models.CASCADE,
        related_name="coordinators",
    )
    organisation = models.CharField("structure", max_length=200, blank=True)
    email = models.EmailField("courriel professionnel", blank=True)
    phone = models.CharField("téléphone professionnel", max_length=30, blank=True)
    axes = models.ManyToManyField(
        "kb.Axis", verbose_name="axes d'expertise", blank=True, related_name="coordinators"
    )
    publics = models.ManyToManyField(
        "kb.Public", verbose_name="publics", blank=True, related_name="coordinators"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinator",
    )
    consent_date = models.DateField("date du consentement", default=timezone.localdate)
    consent_scope = models.CharField(
        "portée du consentement",
        max_length=200,
        default="Annuaire réservé aux membres de la communauté apprenante",
    )
    last_confirmed = models.DateField("dernière confirmation", default=timezone.localdate)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("territory"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("axes"),
        FieldPanel("publics"),
        MultiFieldPanel(
            [
                FieldPanel("user"),
                FieldPanel("consent_date"),
                FieldPanel("consent_scope"),
                FieldPanel("last_confirmed"),
            ],
            heading="Consentement (RGPD)",
        ),
    ]

    class Meta:
        ordering = ["territory__numero", "name"]
        verbose_name = "coordonnateur"
        verbose_name_plural = "annuaire des coordonnateurs"

    def __str__(self) -> str:
        return f"{self.name} — {self.territory}"
