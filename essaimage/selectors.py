"""Reads of essaimage: who reused a fiche, what a territory reused or saw reused."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from directory.selectors import coordinator_for_user
from essaimage.models import Reuse
from kb.models import FichePage, Territory
from kb.selectors import visible_pages


def member_territory(*, user) -> Territory | None:
    """A member's territory: the one of their directory entry (directory.selectors)."""
    coordinator = coordinator_for_user(user=user)
    return coordinator.territory if coordinator is not None else None


def reuse_list_for_fiche(*, fiche: FichePage) -> list[Reuse]:
    return list(Reuse.objects.filter(fiche=fiche).select_related("territory"))


def reuse_get(*, fiche: FichePage, territory: Territory) -> Reuse | None:
    return Reuse.objects.filter(fiche=fiche, territory=territory).first()


def reuse_list_by_territory(*, territory: Territory, user) -> list[Reuse]:
    """The practices `territory` reused, on fiches `user` may see."""
    fiches = visible_pages(FichePage.objects.all(), user)
    return list(
        Reuse.objects.filter(territory=territory, fiche__in=fiches)
        .select_related("fiche")
        .order_by("fiche__title")
    )


def reuse_list_from_territory(*, territory: Territory, user) -> list[Reuse]:
    """Others' reuses of the fiches of `territory` (that `user` may see)."""
    fiches = visible_pages(FichePage.objects.filter(territories=territory), user)
    return list(
        Reuse.objects.filter(fiche__in=fiches)
        .exclude(territory=territory)
        .select_related("fiche", "territory")
        .order_by("fiche__title", "territory__name")
    )


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
