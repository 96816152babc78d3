"""The database engine's copy of the search documents, and the queue of pending index changes."""

from django.db import models
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class SearchEntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchEntry(index.Indexed, models.Model):
    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    members_only = models.BooleanField(default=False, db_index=True)
    cues = models.JSONField(default=list, blank=True)  # transcript cues: [[seconds, text], …]

    objects = SearchEntryQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.FilterField("members_only"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "entrée de recherche"
        verbose_name_plural = "entrées de recherche"

    def __str__(self) -> str:
        return self.title


class SearchEntryFacet(models.Model):
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="unique_facet_value")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class PendingIndexChange(models.Model):
    """A document that could not be sent to Elasticsearch; `search_sync` retries it."""

    key = models.CharField(max_length=64, unique=True)
    queued_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "modification d'index en attente"

    def __str__(self) -> str:
        return self.key


class IndexGeneration(models.Model):
    """One row: a token that every write to the entries replaces, in the writing transaction.

    Each process keeps a facet matrix built for one token (search/engines/facet_matrix.py):
    another connection sees the new token exactly when it sees the entries written with it,
    and a rollback takes both back.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "génération de l'index"

    def __str__(self) -> str:
        return self.token
