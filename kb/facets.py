"""The facets of the shared vocabularies, declared once: search and every listing read them.

A facet is a query parameter (its `name`, the one spelling used by every page and the API),
a label, and the labels of its values. `search.facets` adds the search-only facets (kind) to
these and to the ones apps register with their search sources (état d'avancement, type
d'événement).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import django_filters
from django.core.cache import caches
from django.db import models

from kb.listing import ValuesFilter
from kb.models.fiches import FichePage
from kb.models.snippets import Axis, Public, Territory

# Value labels are read once a minute per process, not once per request; saving an axis,
# public or territory forgets them (kb.signals).
LABELS_CACHE = "local"
LABELS_SECONDS = 60


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    labels: Callable[[], dict[str, str]] = field(default=dict, compare=False)
    order_by_label: bool = False
    vocabulary: type[models.Model] | None = None  # values are the slugs of this model

    @property
    def cache_key(self) -> str:
        return f"facet-labels:{self.name}"

    def filter(self, field_name: str, *, empty_label: str, **options) -> django_filters.Filter:
        """A listing's filter on this facet (one value), over the model's `field_name`."""
        options = {"label": self.label, "empty_label": empty_label, **options}
        if self.vocabulary is not None:
            return django_filters.ModelChoiceFilter(
                field_name=field_name,
                queryset=self.vocabulary.objects.all(),
                to_field_name="slug",
                **options,
            )
        return django_filters.ChoiceFilter(
            field_name=field_name, choices=lambda: list(self.labels().items()), **options
        )

    def values_filter(self, field_name: str | None = None, **options) -> ValuesFilter:
        """A listing's filter on this facet with several values (`?axis=a&axis=b`)."""
        return ValuesFilter(field_name=field_name or self.name, label=self.label, **options)


def facet_labels(facet: Facet) -> dict[str, str]:
    """The facet's value labels ({value: label})."""
    return caches[LABELS_CACHE].get_or_set(facet.cache_key, facet.labels, LABELS_SECONDS)


def forget_labels(**kwargs) -> None:
    caches[LABELS_CACHE].delete_many([facet.cache_key for facet in VOCABULARY])


def _labels(model) -> Callable[[], dict[str, str]]:
    return lambda: dict(model.objects.values_list("slug", "name"))


AXIS = Facet("axis", "Axe de travail", _labels(Axis), vocabulary=Axis)
TERRITORY = Facet(
    "territory", "Territoire", _labels(Territory), order_by_label=True, vocabulary=Territory
)
REGION = Facet("region", "Région", order_by_label=True)  # the region is its own label
PUBLIC = Facet("public", "Public", _labels(Public), vocabulary=Public)
STATUS = Facet("status", "État d'avancement", lambda: dict(FichePage.Status.choices))
YEAR = Facet("year", "Année")
TAG = Facet("tag", "Mot-clé")

VOCABULARY = (AXIS, TERRITORY, REGION, PUBLIC)
