"""What essaimage adds to the shared pages, the fiche list, search, the observatory, open data
and « Mon profil » (EssaimageConfig.ready)."""

from django.urls import reverse

from essaimage.datasets import ESSAIMAGE_DATASET
from essaimage.figures import essaimage_figures
from essaimage.forms import ReuseForm
from essaimage.models import Reuse
from essaimage.selectors import (
    fiche_list_most_reused,
    member_territory_for_fiche,
    personal_data_of,
    reuse_list_for_fiche,
    reuse_lists_for_territory,
    reused_fiche_ids,
)
from kb import datasets, figures, personal_data, searchable, sections, sorting
from kb.facets import Facet
from kb.models import FichePage
from kb.permissions import is_member

REUSED, NOT_REUSED = "reprise", "non_reprise"
REUSE = Facet(
    "reuse",
    "Essaimage",
    lambda: {REUSED: "Reprise par d'autres territoires", NOT_REUSED: "Pas encore reprise"},
)


def reuse_facet_values(pks: list[int]) -> dict[int, dict[str, list[str]]]:
    reused = reused_fiche_ids(pks=pks)
    return {pk: {REUSE.name: [REUSED if pk in reused else NOT_REUSED]} for pk in pks}


def fiche_reuses(*, request, page) -> dict | None:
    """« Reprise par N territoires », the list, and the member's own declaration form."""
    if not isinstance(page, FichePage):
        return None
    reuses = reuse_list_for_fiche(fiche=page)
    member = is_member(request.user)
    territory = member_territory_for_fiche(user=request.user, fiche=page) if member else None
    own = territory is not None and territory.owns_fiche
    mine = next((r for r in reuses if territory and r.territory_id == territory.pk), None)
    return {
        "reuses": reuses,
        "is_member": member,
        "territory": territory,
        "own_fiche": own,
        "mine": mine,
        "form": ReuseForm(initial={"level": mine.level, "note": mine.note} if mine else None)
        if territory is not None and not own
        else None,
        "declare_url": reverse("reuse-declare", args=[page.pk]),
    }


def territory_reuses(*, request, territory) -> dict | None:
    """The first practices the territory reused and of its own reused elsewhere, and how many
    (the page shows a bounded number of each kind)."""
    reused, reused_from = reuse_lists_for_territory(territory=territory, user=request.user)
    if not reused and not reused_from:
        return None
    limit = sections.SELECTION_LIMIT
    return {
        "reused": sections.Selection(reused[:limit], len(reused)),
        "reused_from": sections.Selection(reused_from[:limit], len(reused_from)),
        "territory": territory,
    }


def register() -> None:
    sections.register(
        sections.PAGE,
        sections.Section("essaimage", "essaimage/sections/fiche.html", fiche_reuses, order=20),
    )
    sections.register(
        sections.TERRITORY,
        sections.Section(
            "essaimage", "essaimage/sections/territory.html", territory_reuses, order=15
        ),
    )
    sorting.register(
        sorting.FICHES, sorting.Sort("reprises", "Les plus reprises", fiche_list_most_reused)
    )
    searchable.extend(
        searchable.FacetExtension(model=FichePage, facets=(REUSE,), values=reuse_facet_values)
    )
    figures.register(
        figures.Provider("essaimage", essaimage_figures, order=50, depends_on=(Reuse,))
    )
    datasets.register(ESSAIMAGE_DATASET)
    personal_data.register("essaimage", personal_data_of)
