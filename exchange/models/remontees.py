"""Remontées: a need, a difficulty or an alert raised to the national team, and its steps."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from exchange.models.messages import Message
from kb.markdown import MAX_LENGTH


class Remontee(Message):
    class Kind(models.TextChoices):
        BESOIN = "besoin", "Besoin"
        DIFFICULTE = "difficulte", "Difficulté"
        ALERTE = "alerte", "Alerte"

    class State(models.TextChoices):
        RECUE = "recue", "Reçue"
        A_L_ETUDE = "a_l_etude", "À l'étude"
        TRAITEE = "traitee", "Traitée"
        INTEGREE = "integree", "Intégrée au cadre national"

    kind = models.CharField("nature", max_length=12, choices=Kind.choices)
    title = models.CharField("titre", max_length=200)
    axis = models.ForeignKey(
        "kb.Axis", verbose_name="axe de travail", on_delete=models.PROTECT, related_name="+"
    )
    territory = models.ForeignKey(
        "kb.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("état", max_length=12, choices=State.choices, default=State.RECUE)
    last_activity_at = models.DateTimeField("dernière activité", default=timezone.now)

    class Meta:
        verbose_name = "remontée"
        verbose_name_plural = "remontées"
        indexes = [models.Index(fields=["-last_activity_at"], name="remontee_activity")]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("remontee-detail", args=[self.pk])


class RemonteeStep(models.Model):
    """One change of state, with the animators' public note: the remontée's history."""

    remontee = models.ForeignKey(Remontee, on_delete=models.CASCADE, related_name="steps")
    state = models.CharField("état", max_length=12, choices=Remontee.State.choices)
    note = models.TextField(
        "note publique",
        max_length=MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(MAX_LENGTH)],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "étape"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.get_state_display()


class RemonteeSupport(models.Model):
    """« Nous aussi »: a member's territory shares the remontée."""

    remontee = models.ForeignKey(Remontee, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    territory = models.ForeignKey(
        "kb.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "« nous aussi »"
        constraints = [
            models.UniqueConstraint(fields=["remontee", "user"], name="one_support_per_member")
        ]

    def __str__(self):
        return f"« Nous aussi » de {self.territory}"
