from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef, Q

MEMBER_GROUPS = ("Membre", "Animateur", "Administrateur")


class UserAccess(NamedTuple):
    is_member: bool
    can_access_admin: bool


NO_ACCESS = UserAccess(is_member=False, can_access_admin=False)


def user_access(user) -> UserAccess:
    """Membership and admin access, read in one query and kept on the user for the request.

    `request.user` is loaded anew for each request, so nothing is kept across requests.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    if user.is_superuser:
        return UserAccess(is_member=True, can_access_admin=True)
    if not hasattr(user, "_tznr_access"):
        member_group = Group.objects.filter(user=OuterRef("pk"), name__in=MEMBER_GROUPS)
        admin_permission = Permission.objects.filter(
            Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
            content_type__app_label="wagtailadmin",
            codename="access_admin",
        )
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values_list(Exists(member_group), Exists(admin_permission))
            .first()
        )
        user._tznr_access = UserAccess(*row) if row else NO_ACCESS
    return user._tznr_access


def is_member(user) -> bool:
    """Members are signed-in users of a community group (or superusers)."""
    return user_access(user).is_member


def can_export_directory(user) -> bool:
    return user.is_authenticated and user.has_perm("kb.export_coordinator")


def can_invite(user) -> bool:
    return user.is_authenticated and user.has_perm("kb.add_invitation")
