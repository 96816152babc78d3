"""The open dataset of essaimage (kb.datasets): who reused which public fiche, and how far.
What a fiche's page shows everyone: never the members' notes, nor who declared it."""

from django.utils import timezone

from essaimage.models import Reuse
from essaimage.selectors import reuse_list_public
from kb.datasets import Dataset, Field


def reuse_rows(*, request=None):
    reuses = reuse_list_public().select_related("fiche", "territory").order_by("pk")
    for reuse in reuses.iterator(chunk_size=2000):
        yield {
            "id": reuse.pk,
            "fiche": reuse.fiche_id,
            "fiche_titre": reuse.fiche.title,
            "fiche_url": reuse.fiche.get_full_url(request),
            "territoire": reuse.territory.slug,
            "niveau": reuse.level,
            "mise_a_jour": timezone.localtime(reuse.updated_at).isoformat(timespec="seconds"),
        }


ESSAIMAGE_DATASET = Dataset(
    name="essaimage",
    title="Reprises de pratiques (essaimage)",
    description="Les pratiques qu'un territoire déclare avoir reprises d'une fiche publique "
    "d'un autre territoire : une ligne par territoire et fiche (sans les notes des membres ni "
    "les personnes qui l'ont déclarée).",
    fields=(
        Field("id", "integer", "Identifiant", "Identifiant de la déclaration.", True),
        Field("fiche", "integer", "Fiche", "Identifiant de la fiche reprise (voir fiches).", True),
        Field("fiche_titre", "string", "Titre de la fiche", "Titre de la fiche reprise.", True),
        Field(
            "fiche_url", "string", "Adresse de la fiche", "Adresse de la fiche sur le site.", True
        ),
        Field(
            "territoire",
            "string",
            "Territoire",
            "Code (slug) du territoire qui a repris la pratique (voir territoires).",
            True,
        ),
        Field(
            "niveau",
            "string",
            "Où en est la reprise",
            "a_l_etude (à l'étude), adaptee (adaptée) ou mise_en_oeuvre (mise en œuvre).",
            True,
            enum=tuple(Reuse.Level.values),
        ),
        Field(
            "mise_a_jour",
            "datetime",
            "Mise à jour",
            "Date et heure de la dernière mise à jour de la déclaration (ISO 8601).",
            True,
        ),
    ),
    rows=reuse_rows,
    order=50,
)
