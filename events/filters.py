"""The calendar's filters, built from the facet declarations (kb.facets)."""

import django_filters

from events.models import EventPage, Mode
from events.search_documents import EVENT_KIND
from kb.facets import TERRITORY
from kb.listing import ListingFilter


class EventFilter(ListingFilter):
    """On the calendar every item is an event: its type is `kind` here (`event_kind` in
    search, where `kind` is the kind of content)."""

    kind = EVENT_KIND.filter("kind", empty_label="Tous les types", label="Type")
    territory = TERRITORY.filter("territories", empty_label="Tous les territoires", distinct=True)
    mode = django_filters.ChoiceFilter(
        label="Format", choices=Mode.choices, empty_label="Tous les formats"
    )

    class Meta(ListingFilter.Meta):
        model = EventPage
        fields: list[str] = []

    def selected(self) -> dict:
        """The valid filters' values ({} when the form is not valid)."""
        if not self.is_bound or not self.is_valid():
            return {"kind": "", "territory": None, "mode": ""}
        data = self.form.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "territory": data.get("territory"),
            "mode": data.get("mode") or "",
        }
