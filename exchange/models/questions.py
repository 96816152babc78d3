"""Questions members ask each other (and the Mensuelle), their answers and « Moi aussi »."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from exchange.models.messages import Message


class Question(Message):
    title = models.CharField("titre", max_length=200)
    axis = models.ForeignKey(
        "kb.Axis", verbose_name="axe de travail", on_delete=models.PROTECT, related_name="+"
    )
    territories = models.ManyToManyField(
        "kb.Territory", verbose_name="territoires", related_name="+", blank=True
    )
    # The fiche, event or recording the question is about (exchange.pages lists the types).
    about = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="à propos de",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The Mensuelle occurrence (an event page) the question is sent to.
    mensuelle = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Mensuelle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mensuelle_treated_at = models.DateTimeField("traitée en Mensuelle le", null=True, blank=True)
    mensuelle_treated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recording = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="enregistrement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recording_time = models.PositiveIntegerField("moment (secondes)", null=True, blank=True)
    retained_answer = models.ForeignKey(
        "exchange.Answer",
        verbose_name="réponse retenue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retained_at = models.DateTimeField(null=True, blank=True)
    retained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField("dernière activité", default=timezone.now)

    class Meta:
        verbose_name = "question"
        verbose_name_plural = "questions"
        indexes = [models.Index(fields=["-last_activity_at"], name="question_activity")]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("question-detail", args=[self.pk])

    @property
    def is_resolved(self) -> bool:
        return self.retained_answer_id is not None

    @property
    def state_label(self) -> str:
        return "Résolue" if self.is_resolved else "Ouverte"

    @property
    def recording_url(self) -> str:
        """The recording at the moment the question was answered (the transcript's links)."""
        if self.recording is None:
            return ""
        url = self.recording.url or ""
        return f"{url}?t={self.recording_time}#player" if self.recording_time else url


class Answer(Message):
    question = models.ForeignKey(
        Question, verbose_name="question", on_delete=models.CASCADE, related_name="answers"
    )

    class Meta:
        verbose_name = "réponse"
        verbose_name_plural = "réponses"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Réponse à « {self.question.title} »"

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#reponse-{self.pk}"


class QuestionVote(models.Model):
    """« Moi aussi »: one per member and question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "« moi aussi »"
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"« Moi aussi » sur « {self.question} »"
