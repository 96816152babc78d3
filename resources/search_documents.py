"""How recordings and deliverables become search documents (resources.plugins)."""

import datetime

from kb.models import Axis, Territory
from kb.search_documents import TERRITORY_FIELDS, axis_facet, territory_facets
from kb.searchable import PageSource, SearchDocument, paris_day
from resources.models import RecordingPage, ResourcePage
from resources.transcripts import safe_cues


def recording_document(row: dict, related: dict, common: dict) -> SearchDocument:
    cues = safe_cues(row["transcript"])
    # The day of the event it records; without one, the day it was published.
    day = paris_day(row["event__start"] or row["first_published_at"] or row["go_live_at"])
    return SearchDocument(
        kind="enregistrement",
        text="\n".join([row["summary"], row["speakers"], *(cue.text for cue in cues)]),
        cues=[(cue.seconds, cue.text) for cue in cues],
        date=day,
        facets={
            "axis": axis_facet(row),
            "year": [str(day.year)] if day else [],
            "event_kind": [row["event__kind"]] if row["event__start"] else [],
            "tag": sorted(name for (name,) in related["tags"]),
        },
        **common,
    )


def resource_document(row: dict, related: dict, common: dict) -> SearchDocument:
    return SearchDocument(
        kind="ressource",
        text="\n".join([row["summary"], *row["body"]]),
        date=datetime.date(row["year"], 1, 1),
        facets={
            "axis": axis_facet(row),
            **territory_facets(related["territories"]),
            "year": [str(row["year"])],
            "tag": sorted(name for (name,) in related["tags"]),
        },
        **common,
    )


RECORDINGS = PageSource(
    model=RecordingPage,
    kind="enregistrement",
    kind_label="Enregistrement",
    fields=(
        "summary",
        "speakers",
        "transcript",
        "axis__slug",
        "event__start",
        "event__kind",
        "first_published_at",
        "go_live_at",
    ),
    relations={"tags": ("name",)},
    build=recording_document,
    # The recorded event gives the date and kind (its model named by label: no import).
    depends_on={Axis: "axis", "events.EventPage": "event"},
)
RESOURCES = PageSource(
    model=ResourcePage,
    kind="ressource",
    kind_label="Ressource",
    fields=("summary", "body", "year", "axis__slug"),
    relations={"territories": TERRITORY_FIELDS, "tags": ("name",)},
    build=resource_document,
    depends_on={Territory: "territories", Axis: "axis"},
)
