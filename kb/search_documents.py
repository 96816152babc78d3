"""How fiches and territories become search documents (registered in kb.plugins)."""

from kb.facets import STATUS
from kb.models import Axis, FichePage, Public, Territory, TerritoryIndexPage
from kb.searchable import ObjectSource, PageSource, SearchDocument, paris_day

TERRITORY_FIELDS = ("slug", "region")


def territory_facets(territories: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The territory and region facets of `(slug, region)` rows (TERRITORY_FIELDS)."""
    return {
        "territory": sorted({slug for slug, _ in territories}),
        "region": sorted({region for _, region in territories}),
    }


def axis_facet(row: dict) -> list[str]:
    return [row["axis__slug"]] if row["axis__slug"] else []


def fiche_document(row: dict, related: dict, common: dict) -> SearchDocument:
    return SearchDocument(
        kind="fiche",
        text="\n".join([row["chapo"], *row["body"], row["partners"]]),
        date=paris_day(row["first_published_at"]),
        facets={
            "axis": axis_facet(row),
            **territory_facets(related["territories"]),
            "public": sorted(slug for (slug,) in related["publics"]),
            "status": [row["status"]],
            "year": [str(row["year"])],
            "tag": sorted(name for (name,) in related["tags"]),
        },
        **common,
    )


def territory_document(territory: Territory) -> SearchDocument:
    return SearchDocument(
        kind="territoire",
        title=territory.name,
        url=TerritoryIndexPage.url_for_territory(territory),
        text="\n".join(
            [territory.porteur, territory.departement, territory.region, territory.description]
        ),
        facets={"territory": [territory.slug], "region": [territory.region]},
    )


FICHES = PageSource(
    model=FichePage,
    kind="fiche",
    kind_label="Fiche pratique",
    fields=("chapo", "body", "partners", "axis__slug", "status", "year", "first_published_at"),
    relations={"territories": TERRITORY_FIELDS, "publics": ("slug",), "tags": ("name",)},
    build=fiche_document,
    depends_on={Territory: "territories", Axis: "axis", Public: "publics"},
    facets=(STATUS,),
)
TERRITORIES = ObjectSource(
    model=Territory,
    kind="territoire",
    kind_label="Territoire",
    objects=Territory.objects.all,
    build=territory_document,
)
