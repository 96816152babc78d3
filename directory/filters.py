"""The directory's filters, built from the facet declarations (kb.facets)."""

import django_filters
from django.db.models import Q

from directory.models import Coordinator
from directory.selectors import coordinator_role_choices
from kb.facets import AXIS, PUBLIC, REGION, TERRITORY
from kb.listing import ListingFilter
from kb.models import Territory


def region_choices() -> list[tuple[str, str]]:
    regions = Territory.objects.order_by("region").values_list("region", flat=True).distinct()
    return [(region, region) for region in regions]


class DirectoryFilter(ListingFilter):
    """Axis and public match only where the person shows them; `q` is a name or organisation
    (a hidden organisation never matches)."""

    territory = TERRITORY.filter("territory", empty_label="Tous les territoires")
    region = django_filters.ChoiceFilter(
        field_name="territory__region",
        label=REGION.label,
        choices=region_choices,
        empty_label="Toutes les régions",
    )
    axis = AXIS.filter(
        "axes", empty_label="Tous les axes", label="Axe d'expertise", method="shown_expertise"
    )
    public = PUBLIC.filter("publics", empty_label="Tous les publics", method="shown_expertise")
    role = django_filters.ChoiceFilter(
        label="Fonction",
        choices=lambda: [(role, role) for role in coordinator_role_choices()],
        empty_label="Toutes les fonctions",
    )
    q = django_filters.CharFilter(
        label="Nom ou structure", method="name_or_organisation", max_length=100
    )

    class Meta(ListingFilter.Meta):
        model = Coordinator
        fields: list[str] = []

    def shown_expertise(self, queryset, name, value):
        return queryset.filter(**{name: value, "show_expertise": True}) if value else queryset

    def name_or_organisation(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | (Q(organisation__icontains=value) & Q(show_organisation=True))
        )

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()

    def given(self) -> dict[str, str]:
        """The filters as given (slugs and strings), for the export audit log."""
        return {name: str(self.data.get(name)) for name in self.filters if self.data.get(name)}
