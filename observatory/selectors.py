"""Reads of the observatory: the review's counts, in SQL, over the published public fiches.

What is counted: an « action » is a live fiche that anyone may read (members-only fiches are
never counted, for any visitor). A fiche counts once in a national figure; in a figure by
territory, cohort, région or type of porteur it counts once for each group one of its
territories belongs to (a fiche shared by Grenoble and Lille counts for both régions, once
for the nation). The filters on territories (cohort, région, type of porteur) keep the
fiches of at least one matching territory, and only the matching territories in the figures
by territory.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from kb.figures import Scope
from kb.models import Axis, FichePage, Public, Territory
from kb.selectors import public_pages
from observatory.cache import remember

FicheTerritory = FichePage.territories.through
FichePublic = FichePage.publics.through
STATUSES = tuple(FichePage.Status)


@dataclass
class Counts:
    """The raw counts of a scope, from which every figure is drawn."""

    fiches: int = 0
    by_axis: Counter = field(default_factory=Counter)  # axis id -> fiches
    by_status: Counter = field(default_factory=Counter)  # status -> fiches
    by_public: Counter = field(default_factory=Counter)  # public id -> fiches
    by_territory: Counter = field(default_factory=Counter)  # (territory id, status) -> fiches
    # "cohort" | "region" | "porteur_type" -> (the group's value as text, status) -> fiches
    # with at least one territory in the group
    by_group: dict[str, Counter] = field(default_factory=dict)
    territories: list[int] = field(default_factory=list)  # the territories in the scope

    def territory_total(self, territory_id: int) -> int:
        return sum(self.by_territory[territory_id, status] for status in STATUSES)

    def group(self, name: str, value, status: str) -> int:
        return self.by_group.get(name, Counter())[f"{value}", status]


def territory_list_in_scope(scope: Scope) -> QuerySet[Territory]:
    territories = Territory.objects.all()
    if scope.territory:
        territories = territories.filter(slug=scope.territory)
    if scope.cohort:
        territories = territories.filter(cohort=scope.cohort)
    if scope.region:
        territories = territories.filter(region=scope.region)
    if scope.porteur_type:
        territories = territories.filter(porteur_type=scope.porteur_type)
    return territories


def _restricts_territories(scope: Scope) -> bool:
    return bool(scope.territory or scope.cohort or scope.region or scope.porteur_type)


def fiche_list_counted(scope: Scope) -> QuerySet[FichePage]:
    """The fiches a scope counts: live, public, matching its filters. The page type condition
    (every fiche's: FichePage has no subclass) lets PostgreSQL read the live fiches' pages from
    an index (kb migration 0006) instead of the whole page table."""
    fiche_type = ContentType.objects.get_for_model(FichePage)
    fiches = public_pages(FichePage.objects.live().filter(content_type=fiche_type))
    if scope.year:
        fiches = fiches.filter(year=scope.year)
    if scope.axis:
        fiches = fiches.filter(axis__slug=scope.axis)
    if _restricts_territories(scope):
        links = FicheTerritory.objects.filter(
            fichepage_id=OuterRef("pk"), territory__in=territory_list_in_scope(scope)
        )
        fiches = fiches.filter(Exists(links))
    return fiches


GROUPS = ("cohort", "region", "porteur_type")
# The counts of a scope in one statement: by axis and state; by public; by territory set and
# state (each counted fiche's territories, their ids joined by commas, in any order: a few
# thousand rows at most, whatever the number of fiches). A filtered scope's fiches are found
# once and kept (`MATERIALIZED`); the whole corpus is cheaper read three times along its
# indexes than kept and sorted (bench/RESULTS.md, « Observatory »).
COUNTS = """
WITH f (id, axis_id, status) AS {materialized} ({fiches})
SELECT 'axis', CAST(f.axis_id AS TEXT), f.status, COUNT(*) FROM f GROUP BY f.axis_id, f.status
UNION ALL
SELECT 'public', CAST(p.public_id AS TEXT), '', COUNT(*)
FROM f JOIN {publics} p ON p.fichepage_id = f.id GROUP BY p.public_id
UNION ALL
SELECT 'territories', territories, status, COUNT(*) FROM (
    SELECT f.status AS status, {joined} AS territories
    FROM f JOIN {links} l ON l.fichepage_id = f.id
    {restrict}
    GROUP BY f.id, f.status
) sets GROUP BY territories, status
"""


def _count_rows(scope: Scope) -> list[tuple[str, str | None, str, int]]:
    """(what, value, status, number) rows of the scope's counts (COUNTS)."""
    quote = connection.ops.quote_name
    fiches = fiche_list_counted(scope).order_by().values_list("pk", "axis_id", "status")
    fiches_sql, params = fiches.query.sql_with_params()
    restrict = ""
    if _restricts_territories(scope):
        territories_sql, restrict_params = (
            territory_list_in_scope(scope).order_by().values("pk").query.sql_with_params()
        )
        restrict = f"WHERE l.territory_id IN ({territories_sql})"
        params = (*params, *restrict_params)
    joined = (
        "string_agg(CAST(l.territory_id AS TEXT), ',')"
        if connection.vendor == "postgresql"
        else "group_concat(l.territory_id, ',')"
    )
    # Table names come from the models; values go as parameters.
    sql = COUNTS.format(
        materialized="MATERIALIZED" if scope.active() or scope.territory else "NOT MATERIALIZED",
        fiches=fiches_sql,
        joined=joined,
        publics=quote(FichePublic._meta.db_table),
        links=quote(FicheTerritory._meta.db_table),
        restrict=restrict,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def counts_compute(scope: Scope) -> Counts:
    """The counts of `scope` in one statement, whatever the number of fiches (COUNTS). A
    fiche counts once in a group (cohort, région, type of porteur) however many of its
    territories belong to it."""
    territories = vocabulary().territories
    groups = {
        pk: [(name, f"{getattr(t, name)}") for name in GROUPS] for pk, t in territories.items()
    }
    counts = Counts(
        territories=list(territory_list_in_scope(scope).values_list("pk", flat=True)),
        by_group={name: Counter() for name in GROUPS},
    )
    sets: dict[str, tuple[list[int], set]] = {}  # a set's territories and groups, read once
    for what, value, status, number in _count_rows(scope):
        if what == "axis":
            counts.by_axis[int(value) if value is not None else None] += number
            counts.by_status[status] += number
            counts.fiches += number
        elif what == "public":
            counts.by_public[int(value)] = number
        else:
            if value not in sets:
                members = sorted({int(pk) for pk in value.split(",")})
                sets[value] = (members, {group for pk in members for group in groups[pk]})
            members, in_groups = sets[value]
            for pk in members:
                counts.by_territory[pk, status] += number
            for name, group in in_groups:
                counts.by_group[name][group, status] += number
    return counts


def scope_key(scope: Scope) -> str:
    """A short ASCII key for the scope's values (any cache backend accepts it)."""
    values = "\x1f".join(f"{value}" for value in scope.__dict__.values())
    return hashlib.sha256(values.encode()).hexdigest()[:32]


def counts_for(scope: Scope) -> Counts:
    """The counts of `scope`, kept until the next publication (observatory.cache)."""
    return remember(f"counts:{scope_key(scope)}", lambda: counts_compute(scope))


@dataclass(frozen=True)
class Vocabulary:
    axes: list[tuple[int, str, str]]  # id, slug, name, in the axes' order
    publics: list[tuple[int, str, str]]
    territories: dict[int, Territory]


def vocabulary() -> Vocabulary:
    def read() -> Vocabulary:
        return Vocabulary(
            axes=list(Axis.objects.order_by("order", "name").values_list("pk", "slug", "name")),
            publics=list(Public.objects.order_by("name").values_list("pk", "slug", "name")),
            territories={territory.pk: territory for territory in Territory.objects.all()},
        )

    return remember("vocabulary", read)


def filter_choices() -> dict[str, list]:
    """The values the filters offer: years of public fiches, cohorts and régions."""

    def read() -> dict[str, list]:
        # The fiches' few years from the fiche table alone, each kept if a public fiche has it
        # (the visibility check of every fiche at once read the whole corpus).
        candidates = FichePage.objects.order_by().values_list("year", flat=True).distinct()
        live = FichePage.objects.live()
        years = [year for year in candidates if public_pages(live.filter(year=year)).exists()]
        territories = Territory.objects.order_by()
        return {
            "year": sorted(years, reverse=True),
            "cohort": sorted(set(territories.values_list("cohort", flat=True))),
            "region": sorted(set(territories.values_list("region", flat=True))),
        }

    return remember("filter-choices", read)
