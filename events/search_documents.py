"""How events become search documents (registered in events.plugins)."""

from events.models import EventPage, Kind
from kb.facets import Facet
from kb.models import Territory
from kb.search_documents import TERRITORY_FIELDS, territory_facets
from kb.searchable import PageSource, SearchDocument, paris_day

EVENT_KIND = Facet("event_kind", "Type d'événement", lambda: dict(Kind.choices))


def event_document(row: dict, related: dict, common: dict) -> SearchDocument:
    day = paris_day(row["start"])
    return SearchDocument(
        kind="evenement",
        text="\n".join([row["summary"], *row["body"], row["place"]]),
        date=day,
        facets={
            **territory_facets(related["territories"]),
            "year": [str(day.year)],
            "event_kind": [row["kind"]],
        },
        **common,
    )


EVENTS = PageSource(
    model=EventPage,
    kind="evenement",
    kind_label="Événement",
    fields=("summary", "body", "place", "start", "kind"),
    relations={"territories": TERRITORY_FIELDS},
    build=event_document,
    depends_on={Territory: "territories"},
    facets=(EVENT_KIND,),
)
