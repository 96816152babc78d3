"""The directory's content types follow its models from kb, with their permissions.

Group permissions (Animateur: export, invitations…), admin log entries and Wagtail's snippet
history point at these content type rows: renaming their app label keeps them all.
"""

from django.db import migrations

MODELS = ("coordinator", "directoryexport", "invitation")


def move(apps, from_label: str, to_label: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=to_label, model=model).first()
        if new is not None:
            # Created meanwhile (a migrate run that stopped half-way): keep the row that
            # permissions and logs point at, with the permissions of both.
            for permission in Permission.objects.filter(content_type=new):
                if not Permission.objects.filter(
                    content_type=old, codename=permission.codename
                ).exists():
                    permission.content_type = old
                    permission.save(update_fields=["content_type"])
            new.delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    move(apps, "kb", "directory")


def backwards(apps, schema_editor):
    move(apps, "directory", "kb")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("kb", "0009_directory_moves_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
