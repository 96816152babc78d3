"""The members-only collection, and animators manage collections (README « Rôles »).

Documents and images uploaded in « Réservé aux membres » are served to members only (a
collection view restriction on the member groups). Animators may add collections and change
them (name, privacy) under the root; administrators may also delete them. Historical models
have no treebeard methods: the collection's path is computed here as treebeard would.
"""

from django.db import migrations

MEMBERS_COLLECTION = "Réservé aux membres"
MEMBER_GROUPS = ("Membre", "Animateur", "Administrateur")
COLLECTION_PERMISSIONS = {
    "Animateur": ["add_collection", "change_collection"],
    "Administrateur": ["add_collection", "change_collection", "delete_collection"],
}
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def next_step(step: str) -> str:
    number = 0
    for char in step:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    collection = Collection.objects.filter(depth=2, name=MEMBERS_COLLECTION).first()
    if collection is None:
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = next_step(last.path[-STEPLEN:]) if last else "0001"
        collection = Collection.objects.create(
            name=MEMBERS_COLLECTION, path=root.path + step, depth=2, numchild=0
        )
        Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="groups"
        )
        restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))

    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="collection")
    for name, codenames in COLLECTION_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": codename.replace("_", " ").capitalize()},
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0006_page_type_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
