"""Reads of the directory: the entries members may see, and the retention flags."""

from django.db.models import QuerySet

from directory.models import (
    Coordinator,
    Invitation,
    confirmation_flag_date,
    confirmation_hide_date,
)
from kb.formatting import alphabetical
from kb.models import Territory


def coordinator_list_visible(*, territory: Territory | None = None) -> QuerySet[Coordinator]:
    """Entries members may see: confirmed within HIDE_AFTER_MONTHS (README, retention)."""
    coordinators = (
        Coordinator.objects.select_related("territory")
        .prefetch_related("axes", "publics")
        .filter(last_confirmed__gte=confirmation_hide_date())
    )
    if territory is not None:
        coordinators = coordinators.filter(territory=territory)
    return coordinators


def coordinator_ids_by_region(coordinators: QuerySet[Coordinator]) -> list[int]:
    """The entries' ids by région, territory and name, alphabetically (one light query)."""
    rows = coordinators.values_list("pk", "territory__region", "territory__name", "name")
    rows = sorted(rows, key=lambda row: (*map(alphabetical, row[1:]), row[0]))
    return [row[0] for row in rows]


def coordinator_list_by_ids(ids: list[int]) -> list[Coordinator]:
    """The entries of `ids`, in that order, with what a card shows."""
    found = coordinator_list_visible().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def coordinator_role_choices() -> list[str]:
    return sorted(set(coordinator_list_visible().values_list("role", flat=True)))


def coordinator_list_to_confirm() -> QuerySet[Coordinator]:
    """Entries flagged to animators: not confirmed for FLAG_AFTER_MONTHS (hidden ones included)."""
    return Coordinator.objects.select_related("territory").filter(
        last_confirmed__lt=confirmation_flag_date()
    )


def coordinator_get_visible(*, pk: int) -> Coordinator | None:
    return coordinator_list_visible().filter(pk=pk).first()


def coordinator_for_user(*, user) -> Coordinator | None:
    """The person's own entry (« Mon profil »), whatever its confirmation date."""
    return Coordinator.objects.filter(user=user).first()


def territory_list_for_user(*, user) -> QuerySet[Territory]:
    """The territory of the person's own entry (a member's territory): none or one, as a
    query other apps may annotate."""
    if not user.is_authenticated:
        return Territory.objects.none()
    return Territory.objects.filter(coordinators__user=user)


def territory_for_user(*, user) -> Territory | None:
    return territory_list_for_user(user=user).first()


def invitation_list_recent(*, limit: int = 20) -> QuerySet[Invitation]:
    return Invitation.objects.select_related("territory")[:limit]


def invitation_find_usable(*, token: str) -> Invitation | None:
    return Invitation.find_usable(token)


def invitation_find_usable_for_email(*, email: str) -> Invitation | None:
    return Invitation.find_usable_for_email(email)
