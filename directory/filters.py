"""The directory's filters, built from the facet declarations (kb.facets)."""

import django_filters
from django.db.models import Q

from directory.models import Coordinator
from directory.selectors import coordinator_role_choices
from kb.facets import AXIS, PUBLIC, REGION, TERRITORY
from kb.formatting import alphabetical
from kb.listing import ListingFilter, ListingForm
from kb.models import Territory


def region_choices() -> list[tuple[str, str]]:
    regions = sorted(set(Territory.objects.values_list("region", flat=True)), key=alphabetical)
    return [(region, region) for region in regions]


class DirectoryForm(ListingForm):
    """Territories in the reader's alphabetical order (« Île-d'Yeu » under I, not after Z)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["territory"].widget
        empty, *territories = widget.choices
        widget.choices = [empty, *sorted(territories, key=lambda choice: alphabetical(choice[1]))]


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
        form = DirectoryForm

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

    def active_labels(self) -> dict[str, str]:
        """Each filter in use, as the person reads it: « Axe d'expertise : Aller-vers »."""
        labels = {}
        for name in self.filters:
            value = self.form.cleaned_data.get(name)
            if isinstance(value, str):
                value = value.strip()
            if value:
                labels[name] = f"{self.form.fields[name].label} : {value}"
        return labels

    def widenings(self, path: str) -> list[dict]:
        """When nothing matches: each filter in use, the address without it and how many
        entries it would list."""
        widenings = []
        for name, label in self.active_labels().items():
            query = self.data.copy()
            query.pop(name, None)
            query.pop("page", None)
            wider = DirectoryFilter(query, queryset=self.queryset)
            widenings.append(
                {
                    "label": label,
                    "url": f"?{query.urlencode()}" if query else path,
                    "count": wider.qs.count(),
                }
            )
        return widenings

    def given(self) -> dict[str, str]:
        """The filters as given (slugs and strings), for the export audit log."""
        return {name: str(self.data.get(name)) for name in self.filters if self.data.get(name)}
