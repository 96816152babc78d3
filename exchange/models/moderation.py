"""Reports by members and the animators' decisions (hide, restore), with who and when."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Report(models.Model):
    """A member reports a question, an answer or a remontée to the animators."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    message = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="signalé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField("motif", max_length=2000)
    created_at = models.DateTimeField("signalé le", default=timezone.now)
    closed_at = models.DateTimeField("traité le", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="traité par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "signalement"
        verbose_name_plural = "signalements"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="report_message")]

    def __str__(self):
        return f"Signalement du {timezone.localtime(self.created_at):%d/%m/%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ModerationAction(models.Model):
    """The trace of each decision on a message."""

    class Action(models.TextChoices):
        HIDE = "hide", "Masqué"
        RESTORE = "restore", "Rétabli"
        DISMISS = "dismiss", "Signalement classé"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    message = GenericForeignKey("content_type", "object_id")
    action = models.CharField("décision", max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "décision de modération"
        verbose_name_plural = "décisions de modération"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="moderation_message")]

    def __str__(self):
        return f"{self.get_action_display()} le {timezone.localtime(self.at):%d/%m/%Y %H:%M}"
