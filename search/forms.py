from django import forms

from kb.listing import canonical_query
from search.engines.base import SearchQuery
from search.facets import facets
from search.text import clean_query

MAX_PAGE = 500
MAX_VALUES_PER_FACET = 50


class SearchForm(forms.Form):
    """Every query-string parameter of the search page and API is checked here."""

    q = forms.CharField(required=False, strip=True)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "Le numéro de page doit être un nombre entier.",
            "min_value": "Le numéro de page doit être supérieur ou égal à 1.",
            "max_value": f"Le numéro de page ne peut pas dépasser {MAX_PAGE}.",
        },
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[("relevance", "Pertinence"), ("date", "Date")],
        error_messages={"invalid_choice": "Le tri doit être « relevance » ou « date »."},
    )

    def __init__(self, data, *args, **kwargs):
        data = canonical_query(data).copy()  # the old parameter names too (kb.listing)
        data["q"] = data.get("q", "").replace("\x00", " ")  # NUL bytes are noise, not an error
        super().__init__(data, *args, **kwargs)
        self.facet_values: dict[str, tuple[str, ...]] = {}
        for name in facets():
            values = [v.replace("\x00", "").strip()[:200] for v in data.getlist(name)]
            self.facet_values[name] = tuple(dict.fromkeys(v for v in values if v))

    def clean(self):
        cleaned = super().clean()
        for name, values in self.facet_values.items():
            if len(values) > MAX_VALUES_PER_FACET:
                raise forms.ValidationError(
                    f"Trop de valeurs pour le filtre « {facets()[name].label} »."
                )
        return cleaned

    def to_query(self, *, members: bool) -> SearchQuery:
        data = self.cleaned_data
        filters = {name: values for name, values in self.facet_values.items() if values}
        return SearchQuery(
            text=clean_query(data.get("q") or ""),
            filters=filters,
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            members=members,
        )

    def error_message(self) -> str:
        return " ".join(str(error) for errors in self.errors.values() for error in errors)
