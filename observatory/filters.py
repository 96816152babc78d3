"""The observatory's filters (django-filter), read from the URL into a kb.figures.Scope.

The filter set checks the query string (a bad value is a French 400, never a 500) and gives
the `scope()` that the counts read (observatory.selectors, in grouped SQL queries); its
`qs` is not used.
"""

import django_filters
from django import forms

from kb.facets import AXIS
from kb.figures import Scope
from kb.forms import read_choices_once
from kb.models import FichePage, Territory
from observatory.selectors import filter_choices


class ObservatoryForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_choices_once(self, ("axis",))


def _choices(name: str):
    return lambda: [(f"{value}", f"{value}") for value in filter_choices()[name]]


class ObservatoryFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label="Année de l'action", choices=_choices("year"), empty_label="Toutes les années"
    )
    cohort = django_filters.ChoiceFilter(
        label="Année de démarrage du territoire",
        choices=_choices("cohort"),
        empty_label="Toutes les cohortes",
        method="filter_territories",
    )
    region = django_filters.ChoiceFilter(
        label="Région",
        choices=_choices("region"),
        empty_label="Toutes les régions",
        method="filter_territories",
    )
    axis = AXIS.filter("axis", empty_label="Tous les axes")
    porteur_type = django_filters.ChoiceFilter(
        label="Type de porteur",
        choices=Territory.PorteurType.choices,
        empty_label="Tous les porteurs",
        method="filter_territories",
    )

    class Meta:
        model = FichePage
        fields: list[str] = []
        form = ObservatoryForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for declared in self.filters.values():  # choices read per request, not at start-up
            if callable(declared.extra.get("choices")):
                declared.extra["choices"] = declared.extra["choices"]()

    def filter_territories(self, queryset, name, value):
        """Territory filters select fiches through their territories: observatory.selectors."""
        return queryset

    def scope(self) -> Scope:
        """The filters as the figures read them (only once the form is valid)."""
        data = self.form.cleaned_data
        axis = data.get("axis")
        return Scope(
            year=int(data["year"]) if data.get("year") else None,
            cohort=int(data["cohort"]) if data.get("cohort") else None,
            region=data.get("region") or "",
            axis=axis.slug if axis is not None else "",
            porteur_type=data.get("porteur_type") or "",
        )
