"""Reads of essaimage: who reused a fiche, what a territory reused or saw reused."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from directory.selectors import territory_for_user, territory_list_for_user
from essaimage.models import Reuse
from kb.models import FichePage, Territory
from kb.permissions import is_member
from kb.selectors import visible_pages
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
