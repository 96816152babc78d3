from django.db import migrations

GROUPS = {
    "Membre": [],
    "Animateur": ["wagtailadmin.access_admin"],
    "Administrateur": ["wagtailadmin.access_admin"],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name, permissions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model="admin")
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": "Can access Wagtail admin"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
