"""Give the community groups their permissions (README « Rôles »).

Permissions of models created in this same migration run do not exist yet (Django adds them
after migrating), so they are created here by natural key, as Django would.
"""

from django.db import migrations

PAGE_ANIMATOR = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
PAGE_ADMIN = PAGE_ANIMATOR + ["delete_page", "bulk_delete_page"]
COLLECTION_ANIMATOR = [
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
]
COLLECTION_ADMIN = COLLECTION_ANIMATOR + [
    ("wagtaildocs", "document", "delete_document"),
    ("wagtailimages", "image", "delete_image"),
]
MODEL_ANIMATOR = [
    ("wagtailadmin", "admin", "access_admin"),
    ("kb", "coordinator", "add_coordinator"),
    ("kb", "coordinator", "change_coordinator"),
    ("kb", "coordinator", "view_coordinator"),
    ("kb", "coordinator", "export_coordinator"),
    ("kb", "invitation", "add_invitation"),
    ("kb", "invitation", "view_invitation"),
    ("kb", "directoryexport", "view_directoryexport"),
    ("kb", "territory", "view_territory"),
    ("kb", "axis", "view_axis"),
    ("kb", "public", "view_public"),
]
MODEL_ADMIN = MODEL_ANIMATOR + [
    ("kb", "coordinator", "delete_coordinator"),
    ("kb", "invitation", "delete_invitation"),
    ("kb", "territory", "add_territory"),
    ("kb", "territory", "change_territory"),
    ("kb", "axis", "add_axis"),
    ("kb", "axis", "change_axis"),
    ("kb", "public", "add_public"),
    ("kb", "public", "change_public"),
    ("auth", "user", "add_user"),
    ("auth", "user", "change_user"),
    ("auth", "user", "delete_user"),
    ("auth", "user", "view_user"),
    ("auth", "group", "view_group"),
]
ROLES = {
    "Membre": ([], [], []),
    "Animateur": (MODEL_ANIMATOR, PAGE_ANIMATOR, COLLECTION_ANIMATOR),
    "Administrateur": (MODEL_ADMIN, PAGE_ADMIN, COLLECTION_ADMIN),
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, model, codename):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        return perm

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, (model_perms, page_perms, collection_perms) in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(*triple) for triple in model_perms])
        if root_page is not None:
            for codename in page_perms:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission("wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for triple in collection_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission(*triple)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0003_directory_rgpd_invitations"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
