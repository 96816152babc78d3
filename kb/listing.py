"""What every listing shares: one spelling of the query parameters, a filter set, a paginator.

Pages and the API spell their query parameters as the facets are named (`axis`, `territory`,
`public`, `role`, `kind`…, kb.facets). The French spellings the directory used before
(`axe`, `territoire`, `fonction`) keep working: `canonical_query` renames them.
"""

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.http import Http404, QueryDict

from kb.forms import read_choices_once

OLD_NAMES = {"axe": "axis", "territoire": "territory", "fonction": "role"}


def canonical_query(query: QueryDict) -> QueryDict:
    """`query` with the old parameter names replaced by the current ones."""
    if not any(name in query for name in OLD_NAMES):
        return query
    renamed = QueryDict(mutable=True)
    for name, values in query.lists():
        name = OLD_NAMES.get(name, name)
        renamed.setlist(name, renamed.getlist(name) + values)
    return renamed


class ListingForm(forms.Form):
    """The page number, checked with the filters: a bad one is a 400 like a bad filter."""

    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_choices_once(
            self,
            tuple(
                name
                for name, field in self.fields.items()
                if isinstance(field, forms.ModelChoiceField)
            ),
        )


class ValuesField(forms.Field):
    """Several values of one query parameter (`?axis=a&axis=b`): the first `max_values`, each
    stripped and cut to `max_length` characters. No value is refused: a listing ignores (and
    says so) the values that nothing it lists has."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_values: int = 50, max_length: int = 100, **kwargs):
        self.max_values, self.max_length = max_values, max_length
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        values = [value] if isinstance(value, str) else value
        values = [str(one).strip()[: self.max_length] for one in values[: self.max_values]]
        return [one for one in values if one]


class ValuesFilter(django_filters.Filter):
    """A facet with several values selected: the items with one of them (OR within a facet;
    the filter set ANDs its facets)."""

    field_class = ValuesField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value}).distinct()


class ListingFilter(django_filters.FilterSet):
    """A FilterSet over the canonical query, with the page number in its form."""

    class Meta:
        form = ListingForm

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(canonical_query(data) if data is not None else None, *args, **kwargs)
        for declared in self.filters.values():  # choices read per request, not at start-up
            if callable(declared.extra.get("choices")):
                declared.extra["choices"] = declared.extra["choices"]()

    def filter_queryset(self, queryset):
        """Django-filter's, skipping the page number (a form field, not a filter)."""
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def is_filtered(self) -> bool:
        """Whether a filter (not the page number) has a value."""
        return any(
            value not in (None, "", [])
            for name, value in self.form.cleaned_data.items()
            if name != "page"
        )


def paginate(request, items, *, per_page: int, form=None, count: int | None = None) -> dict:
    """The page of `items` the query asks for (`page_obj`), and the query string the page
    links keep (`page_query_string`, ending in "&" when not empty). Past the last page: 404.

    `count`, when the caller knows it more cheaply than `items.count()`."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    number = (form.cleaned_data.get("page") if form is not None else None) or 1
    if number > paginator.num_pages:
        raise Http404("Cette page de résultats n'existe pas.")
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": paginator.page(number),
        "page_query_string": f"{query.urlencode()}&" if query else "",
    }
