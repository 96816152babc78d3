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
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet

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
    shared: list[tuple[int, int, str]] = field(default_factory=list)  # fiches of 2+ territories
    territories: list[int] = field(default_factory=list)  # the territories in the scope

    def territory_total(self, territory_id: int) -> int:
        return sum(self.by_territory[territory_id, status] for status in STATUSES)

    def by_group(self, group_of: Callable[[int], object]) -> Counter:
        """(group, status) -> fiches with at least one territory in the group.

        The per-territory counts summed by group, less the fiches counted twice: those of
        several territories of one group (few; read in `shared`)."""
        counts = Counter()
        for (territory_id, status), number in self.by_territory.items():
            counts[group_of(territory_id), status] += number
        territories_of, status_of = defaultdict(list), {}
        for fiche_id, territory_id, status in self.shared:
            territories_of[fiche_id].append(territory_id)
            status_of[fiche_id] = status
        for fiche_id, territory_ids in territories_of.items():
            for group, number in Counter(map(group_of, territory_ids)).items():
                counts[group, status_of[fiche_id]] -= number - 1
        return counts


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
    """The fiches a scope counts: live, public, matching its filters."""
    fiches = public_pages(FichePage.objects.live())
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


def _links(scope: Scope, fiches: QuerySet) -> QuerySet:
    links = FicheTerritory.objects.filter(fichepage__in=fiches.values("pk"))
    if _restricts_territories(scope):
        links = links.filter(territory__in=territory_list_in_scope(scope))
    return links


def counts_compute(scope: Scope) -> Counts:
    """Five grouped queries, whatever the number of fiches."""
    fiches = fiche_list_counted(scope)
    counts = Counts(territories=list(territory_list_in_scope(scope).values_list("pk", flat=True)))
    for row in fiches.order_by().values("axis_id", "status").annotate(number=Count("pk")):
        counts.by_axis[row["axis_id"]] += row["number"]
        counts.by_status[row["status"]] += row["number"]
        counts.fiches += row["number"]
    publics = FichePublic.objects.filter(fichepage__in=fiches.values("pk"))
    for row in publics.order_by().values("public_id").annotate(number=Count("pk")):
        counts.by_public[row["public_id"]] = row["number"]
    links = _links(scope, fiches)
    grouped = links.order_by().values("territory_id", "fichepage__status")
    for row in grouped.annotate(number=Count("pk")):
        counts.by_territory[row["territory_id"], row["fichepage__status"]] = row["number"]
    several = (
        links.order_by()
        .values("fichepage_id")
        .annotate(number=Count("pk"))
        .filter(number__gt=1)
        .values("fichepage_id")
    )
    counts.shared = list(
        links.filter(fichepage_id__in=several).values_list(
            "fichepage_id", "territory_id", "fichepage__status"
        )
    )
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
        years = public_pages(FichePage.objects.live()).order_by("-year").values_list("year")
        territories = Territory.objects.order_by()
        return {
            "year": sorted({year for (year,) in years.distinct()}, reverse=True),
            "cohort": sorted(set(territories.values_list("cohort", flat=True))),
            "region": sorted(set(territories.values_list("region", flat=True))),
        }

    return remember("filter-choices", read)
