"""The library's filters, built from the facet declarations (kb.facets): several values per
facet, OR within a facet and AND across, as on the search page."""

from wagtail.models import Page

from kb.facets import AXIS, TAG, TERRITORY, YEAR, Facet
from kb.listing import ListingFilter
from resources.models.pages import ResourcePage

RECORDING_KIND = "enregistrement"
KIND_LABELS = dict(ResourcePage.Kind.choices) | {RECORDING_KIND: "Enregistrement de webinaire"}
LIBRARY_KIND = Facet("kind", "Type", lambda: KIND_LABELS)


class LibraryFilter(ListingFilter):
    """The library lists two page types (deliverables, recordings) whose facet values live in
    different places: `expressions` says where on the filtered queryset's pages ({facet:
    expression}). Each facet is a subquery on the page ids, so that no join multiplies the
    rows. Without a queryset, the filter set only reads and checks the query."""

    kind = LIBRARY_KIND.values_filter(method="having")
    axis = AXIS.values_filter(method="having")
    territory = TERRITORY.values_filter(method="having")
    year = YEAR.values_filter(method="having")
    tag = TAG.values_filter(method="having")

    class Meta(ListingFilter.Meta):
        model = Page  # deliverables or recordings: the source says which
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, expressions=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.expressions = expressions or {}

    def having(self, queryset, name, values):
        if not values:
            return queryset
        model = queryset.model
        with_value = model.objects.alias(value=self.expressions[name]).filter(value__in=values)
        return queryset.filter(pk__in=with_value.values("pk"))

    def selected(self) -> dict[str, list[str]]:
        """The values asked for, per facet ({} for a facet without any)."""
        data = self.form.cleaned_data
        return {name: data[name] for name in self.filters if data.get(name)}


LIBRARY_FACETS = {name: filter_.label for name, filter_ in LibraryFilter.base_filters.items()}
