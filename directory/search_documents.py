"""How directory entries become search documents (members only; registered in DirectoryConfig)."""

from directory.models import Coordinator
from directory.selectors import coordinator_list_visible
from kb.models import Axis, Public, Territory
from kb.searchable import ObjectSource, SearchDocument


def coordinator_document(coordinator: Coordinator) -> SearchDocument:
    """Only what the person shows other members: a hidden organisation is not searchable."""
    territory = coordinator.territory
    return SearchDocument(
        kind="annuaire",
        title=coordinator.name,
        url=f"/annuaire/?territory={territory.slug}",
        text="\n".join(
            [coordinator.role, coordinator.visible_value("organisation"), territory.name]
        ),
        members_only=True,
        facets={
            "territory": [territory.slug],
            "region": [territory.region],
            "axis": sorted(a.slug for a in coordinator.visible_value("axes")),
            "public": sorted(p.slug for p in coordinator.visible_value("publics")),
        },
    )


COORDINATORS = ObjectSource(
    model=Coordinator,
    kind="annuaire",
    kind_label="Annuaire",
    objects=coordinator_list_visible,
    build=coordinator_document,
    depends_on={Territory: "territory", Axis: "axes", Public: "publics"},
    many_to_many=("axes", "publics"),
)
