from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef, Q

MEMBER_GROUPS = ("Membre", "Animateur", "Administrateur")
ANIMATOR_GROUPS = ("Animateur", "Administrateur")


class UserAccess(NamedTuple):
    is_member: bool = False
    is_animator: bool = False
    can_access_admin: bool = False


def _in_groups(names: tuple[str, ...]) -> Exists:
    return Exists(Group.objects.filter(user=OuterRef("pk"), name__in=names))


def _has_permission(app_label: str, codename: str) -> Exists:
    """Django's ModelBackend rule: the permission given to the user or to one of their groups."""
    return Exists(
        Permission.objects.filter(
            Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
            content_type__app_label=app_label,
            codename=codename,
        )
    )


def user_access(user) -> UserAccess:
    """What the user may see and do, read in one query and kept on the user for the request.

    `request.user` is loaded anew for each request, so nothing is kept across requests.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return UserAccess()
    if user.is_superuser:
        return UserAccess(*(True,) * len(UserAccess._fields))
    if not hasattr(user, "_tznr_access"):
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values_list(
                _in_groups(MEMBER_GROUPS),
                _in_groups(ANIMATOR_GROUPS),
                _has_permission("wagtailadmin", "access_admin"),
            )
            .first()
        )
        user._tznr_access = UserAccess(*row) if row else UserAccess()
    return user._tznr_access


def is_member(user) -> bool:
    """Members are signed-in users of a community group (or superusers)."""
    return user_access(user).is_member
