"""What each member chooses to receive, and the notifications already sent (idempotence)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationPreferences(models.Model):
    """A member's choices (« Mon profil »); without a row, everything is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_preferences"
    )
    answers = models.BooleanField("une réponse à l'une de mes questions", default=True)
    retained = models.BooleanField("la réponse retenue à l'une de mes questions", default=True)
    remontee_states = models.BooleanField(
        "un changement d'état de l'une de mes remontées", default=True
    )
    new_remontees = models.BooleanField("une nouvelle remontée (animateurs)", default=True)
    reports = models.BooleanField("un nouveau signalement (animateurs)", default=True)

    class Meta:
        verbose_name = "préférences de notification"

    def __str__(self):
        return f"Préférences de {self.user}"


class Notification(models.Model):
    """One notification sent: a task run twice finds it and sends nothing more."""

    class Kind(models.TextChoices):
        ANSWER = "answer", "Nouvelle réponse"
        RETAINED = "retained", "Réponse retenue"
        REMONTEE_STATE = "remontee_state", "Changement d'état d'une remontée"
        NEW_REMONTEE = "new_remontee", "Nouvelle remontée"
        REPORT = "report", "Nouveau signalement"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=60)  # the object the notification is about
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "notification envoyée"
        verbose_name_plural = "notifications envoyées"
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="one_notification_per_event"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.key})"
