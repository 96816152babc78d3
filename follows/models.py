"""Follows, saved searches, and the state of the digests sent from them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "Immédiate"
    DAILY = "daily", "Quotidienne"
    WEEKLY = "weekly", "Hebdomadaire"
    NONE = "none", "Sans courriel"


EMAIL_FREQUENCIES = (Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY)


class Follow(models.Model):
    """A member follows one thing declared in kb.activity (an axis, a territory, a tag…)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField("type", max_length=30)
    key = models.CharField("clé", max_length=200)
    frequency = models.CharField(
        "fréquence", max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    created_at = models.DateTimeField("suivi depuis", default=timezone.now)
    # Since when it is at its frequency: a digest of that frequency starts there.
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "suivi"
        ordering = ["kind", "key"]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="follow_once")]
        indexes = [models.Index(fields=["frequency", "user"])]

    def __str__(self):
        return f"{self.kind} {self.key}"


class SavedSearch(models.Model):
    """A search kept by a member (text and every facet), run again on what is new."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField("nom", max_length=100)
    text = models.CharField("texte recherché", max_length=200, blank=True)
    filters = models.JSONField("filtres", default=dict, blank=True)  # facet → [values]
    frequency = models.CharField(
        "fréquence", max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "alerte"
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["frequency", "user"])]

    def __str__(self):
        return self.name


class Digest(models.Model):
    """Where one member's digests of one frequency stand: everything up to `sent_until` was
    handled (sent, or there was nothing)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    sent_until = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "frequency"], name="digest_per_frequency")
        ]
        indexes = [models.Index(fields=["frequency", "sent_until"])]

    def __str__(self):
        return f"{self.user_id} {self.frequency} {self.sent_until}"


class DigestRun(models.Model):
    """One scheduled computation of the digests of a frequency, up to `period_end`. Unique, so
    that any number of clocks on any number of machines start it once."""

    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_end = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    progress_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["frequency", "period_end"], name="digest_run_once")
        ]

    def __str__(self):
        return f"{self.frequency} {self.period_end}"


class DigestEmail(models.Model):
    """A digest written and waiting to be sent (or sent). Deleting the account deletes it:
    an e-mail not yet sent is then never sent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    item_keys = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period_end"], name="digest_email_once"
            )
        ]
        indexes = [models.Index(fields=["sent_at", "queued_at"])]

    def __str__(self):
        return self.subject


def new_feed_key() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """The member's secret in the addresses of their Atom feeds; resetting it revokes them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    key = models.CharField(max_length=64, unique=True, default=new_feed_key)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"flux de {self.user_id}"


class Visit(models.Model):
    """When the member signed in before this visit: « Nouveau depuis votre dernière visite »."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    previous_at = models.DateTimeField(null=True, blank=True)
    current_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"visite de {self.user_id}"
