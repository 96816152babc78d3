"""Who registered for an event, and each member's secret calendar feed token."""

import secrets

from django.conf import settings
from django.db import models


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Inscrit"
        WAITING = "waiting", "Liste d'attente"
        CANCELLED = "cancelled", "Désinscrit"

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name="événement",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="membre",
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField("statut", max_length=10, choices=Status.choices)
    queued_at = models.DateTimeField(
        "inscrit le", help_text="Rang dans la liste d'attente : le plus ancien monte d'abord."
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "inscription"
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration_each")
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.user} — {self.event} ({self.get_status_display()})"


def new_calendar_key() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a member's private feed URL; resetting it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    key = models.CharField(max_length=64, unique=True, default=new_calendar_key)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "jeton d'agenda privé"

    def __str__(self):
        return f"Agenda privé de {self.user}"
