"""Animators and administrators decide on access requests (README « Rôles »).

The permission of a model created in this same migration run does not exist yet (Django adds
permissions after migrating): it is created here by natural key, as Django would.
"""

from django.db import migrations

PERMISSIONS = [
    ("decide_accessrequest", "Peut accepter ou refuser les demandes d'accès"),
    ("view_accessrequest", "Can view demande d'accès ProConnect"),
]
GROUPS = ("Animateur", "Administrateur")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="proconnect", model="accessrequest"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [codename for codename, _ in PERMISSIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="proconnect", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("proconnect", "0001_initial"),
        ("kb", "0004_role_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
