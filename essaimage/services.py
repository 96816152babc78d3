"""Writes of essaimage: a territory's declaration on a fiche, and its withdrawal."""

from django.db import transaction
from django.utils import timezone

from essaimage.models import Reuse
from kb import searchable
from kb.models import FichePage, Territory
from kb.site_cache import forget_all


@transaction.atomic
def reuse_declare(*, fiche: FichePage, territory: Territory, user, level: str, note: str) -> Reuse:
    """Create or update the territory's declaration (one per territory and fiche)."""
    reuse, _ = Reuse.objects.update_or_create(
        fiche=fiche,
        territory=territory,
        defaults={"level": level, "note": note, "declared_by": user, "updated_at": timezone.now()},
    )
    searchable.index_objects([fiche])  # the fiche's `reuse` facet
    transaction.on_commit(forget_all)  # the copies of the fiche's and territories' sections
    return reuse


@transaction.atomic
def reuse_withdraw(*, fiche: FichePage, territory: Territory) -> bool:
    deleted, _ = Reuse.objects.filter(fiche=fiche, territory=territory).delete()
    if deleted:
        searchable.index_objects([fiche])
        transaction.on_commit(forget_all)
    return bool(deleted)
