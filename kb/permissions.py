MEMBER_GROUPS = ("Membre", "Animateur", "Administrateur")


def is_member(user) -> bool:
    """Members are signed-in users of a community group (or superusers)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=MEMBER_GROUPS).exists()


def can_export_directory(user) -> bool:
    return user.is_authenticated and user.has_perm("kb.export_coordinator")


def can_invite(user) -> bool:
    return user.is_authenticated and user.has_perm("kb.add_invitation")
