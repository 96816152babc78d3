"""What questions, answers and remontées share: an author, a text, edits, deletion, moderation."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

from kb.markdown import MAX_LENGTH


class Message(models.Model):
    """A member's text. Deleting it (its author) or hiding it (an animator) keeps the row, so
    that a thread still reads: the page shows « message supprimé » or « message masqué »."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(
        "texte", max_length=MAX_LENGTH, validators=[MaxLengthValidator(MAX_LENGTH)]
    )
    created_at = models.DateTimeField("créé le", default=timezone.now, db_index=True)
    edited_at = models.DateTimeField("modifié le", null=True, blank=True)
    deleted_at = models.DateTimeField("supprimé par son auteur le", null=True, blank=True)
    hidden_at = models.DateTimeField("masqué le", null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="masqué par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_visible(self) -> bool:
        return not self.is_deleted and not self.is_hidden

    def author_name(self) -> str:
        if self.author is None:
            return "Compte supprimé"
        return self.author.get_full_name() or self.author.get_username()
