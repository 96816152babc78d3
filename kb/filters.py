"""The fiche list's filters, built from the facet declarations (kb.facets), and the orders
apps register for it (kb.sorting)."""

import django_filters

from kb import sorting
from kb.facets import AXIS, PUBLIC, STATUS, TERRITORY
from kb.listing import ListingFilter
from kb.models.fiches import FichePage


def _sort_choices() -> list[tuple[str, str]]:
    return [(sort.name, sort.label) for sort in sorting.sorts(sorting.FICHES)]


class FicheFilter(ListingFilter):
    axis = AXIS.filter("axis", empty_label="Tous les axes")
    territory = TERRITORY.filter("territories", empty_label="Tous les territoires")
    public = PUBLIC.filter("publics", empty_label="Tous les publics")
    status = STATUS.filter("status", empty_label="Tous les états")
    sort = django_filters.ChoiceFilter(
        label="Trier par", choices=_sort_choices, empty_label="Titre", method="apply_sort"
    )

    class Meta(ListingFilter.Meta):
        model = FichePage
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not sorting.sorts(sorting.FICHES):  # no order registered: no field
            del self.filters["sort"]

    def apply_sort(self, queryset, name, value):
        sort = sorting.get(sorting.FICHES, value)
        return sort.apply(queryset) if sort is not None else queryset
