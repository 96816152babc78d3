"""Writes of the core: the members-only collection."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction

from kb.permissions import MEMBER_GROUPS

MEMBERS_COLLECTION = "Réservé aux membres"


@transaction.atomic
def members_collection_get_or_create() -> Collection:
    """The collection of members-only documents and images (kb/migrations/0007 creates it):
    a view restriction on the member groups."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=MEMBERS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=MEMBERS_COLLECTION)
    if not collection.view_restrictions.exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))
    return collection
