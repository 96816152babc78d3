"""Who may export the directory and invite members: Django permissions of this app's models."""


def can_export_directory(user) -> bool:
    return user.has_perm("directory.export_coordinator")


def can_invite(user) -> bool:
    return user.has_perm("directory.add_invitation")
