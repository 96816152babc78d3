"""Reads of essaimage: who reused a fiche, what a territory reused or saw reused."""

from collections import Counter

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from directory.selectors import territory_for_user, territory_list_for_user
from essaimage.models import Reuse
from kb.figures import Scope
from kb.models import FichePage, Territory
from kb.permissions import is_member
from kb.selectors import public_pages, visible_pages
from kb.site_cache import remember


def member_territory(*, user) -> Territory | None:
    """A member's territory: the one of their directory entry (directory.selectors)."""
    return territory_for_user(user=user)


def member_territory_for_fiche(*, user, fiche: FichePage) -> Territory | None:
    """The member's territory, with `owns_fiche` (the fiche is one of its own), in one query."""
    own = FichePage.territories.through.objects.filter(
        fichepage_id=fiche.pk, territory_id=OuterRef("pk")
    )
    return territory_list_for_user(user=user).annotate(owns_fiche=Exists(own)).first()


def reuse_list_for_fiche(*, fiche: FichePage) -> list[Reuse]:
    """Kept per worker like the site's other copies (kb.site_cache): a declaration moves
    their version (essaimage.services)."""
    return remember(
        f"essaimage:fiche:{fiche.pk}",
        lambda: list(Reuse.objects.filter(fiche=fiche).select_related("territory")),
    )


def reuse_get(*, fiche: FichePage, territory: Territory) -> Reuse | None:
    return Reuse.objects.filter(fiche=fiche, territory=territory).first()


def reuse_lists_for_territory(*, territory: Territory, user) -> tuple[list[Reuse], list[Reuse]]:
    """The practices `territory` reused, and others' reuses of its own fiches: on fiches
    `user` may see, read in one query, kept per worker (kb.site_cache) for each audience."""
    audience = "members" if is_member(user) else "public"
    return remember(
        f"essaimage:territory:{territory.pk}:{audience}",
        lambda: _reuse_lists_for_territory(territory, user),
    )


def _reuse_lists_for_territory(territory: Territory, user) -> tuple[list[Reuse], list[Reuse]]:
    own_fiches = FichePage.objects.filter(territories=territory).values("pk")
    reuses = (
        Reuse.objects.filter(Q(territory=territory) | Q(fiche__in=own_fiches))
        .filter(fiche__in=visible_pages(FichePage.objects.all(), user).values("pk"))
        .select_related("fiche", "territory")
        .order_by("fiche__title", "territory__name")
    )
    reused, reused_from = [], []
    for reuse in reuses:
        (reused if reuse.territory_id == territory.pk else reused_from).append(reuse)
    return reused, reused_from


def reused_fiche_ids(*, pks: list[int]) -> set[int]:
    return set(Reuse.objects.filter(fiche_id__in=pks).values_list("fiche_id", flat=True))


def fiche_visible_get(*, pk: int, user) -> FichePage | None:
    return visible_pages(FichePage.objects.filter(pk=pk), user).first()


def with_reuse_count(fiches: QuerySet) -> QuerySet:
    """`fiches` with `reuse_count`, the number of territories that declared a reuse."""
    count = (
        Reuse.objects.filter(fiche=OuterRef("pk"))
        .order_by()
        .values("fiche")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return fiches.annotate(reuse_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))


def fiche_list_most_reused(fiches: QuerySet) -> QuerySet:
    return with_reuse_count(fiches).order_by("-reuse_count", "title", "pk")


# -- the observatory and open data (kb.figures, kb.datasets): public declarations only ----


def reuse_list_public() -> QuerySet[Reuse]:
    """Declarations on live fiches anyone may read: the fiche's page lists them to everyone
    (territory and level; the note is for members)."""
    return Reuse.objects.filter(fiche__in=public_pages(FichePage.objects.live()).values("pk"))


def reuse_list_counted(scope: Scope) -> QuerySet[Reuse]:
    """The declarations the observatory counts for `scope`: the year and axis filters are
    the fiche's, the cohort, région and type of porteur those of the territory that reused
    it."""
    reuses = reuse_list_public()
    if scope.year:
        reuses = reuses.filter(fiche__year=scope.year)
    if scope.axis:
        reuses = reuses.filter(fiche__axis__slug=scope.axis)
    if scope.cohort:
        reuses = reuses.filter(territory__cohort=scope.cohort)
    if scope.region:
        reuses = reuses.filter(territory__region=scope.region)
    if scope.porteur_type:
        reuses = reuses.filter(territory__porteur_type=scope.porteur_type)
    return reuses


def reuse_counts_by_fiche(scope: Scope) -> dict[int, Counter]:
    """Fiche id -> {level: territories}, in one grouped query."""
    counts: dict[int, Counter] = {}
    rows = (
        reuse_list_counted(scope)
        .order_by()
        .values_list("fiche_id", "level")
        .annotate(number=Count("pk"))
    )
    for fiche_id, level, number in rows:
        counts.setdefault(fiche_id, Counter())[level] += number
    return counts


def reuse_counts_by_axis(scope: Scope) -> dict[int, tuple[int, int]]:
    """Axis id -> (declarations, fiches reused at least once), in one grouped query."""
    rows = (
        reuse_list_counted(scope)
        .exclude(fiche__axis=None)
        .order_by()
        .values_list("fiche__axis_id")
        .annotate(reuses=Count("pk"), fiches=Count("fiche", distinct=True))
    )
    return {axis_id: (reuses, fiches) for axis_id, reuses, fiches in rows}


def personal_data_of(user) -> dict:
    """The declarations `user` last wrote (« Mon profil », JSON download). A declaration is
    its territory's: deleting the account keeps it and forgets who wrote it."""
    reuses = Reuse.objects.filter(declared_by=user).select_related("fiche", "territory")
    return {
        "reprises déclarées": [
            {
                "fiche": reuse.fiche.title,
                "territoire": reuse.territory.name,
                "où en est la reprise": reuse.get_level_display(),
                "note": reuse.note,
                "mise à jour": timezone.localtime(reuse.updated_at).isoformat(),
            }
            for reuse in reuses.order_by("-updated_at", "pk")
        ]
    }
