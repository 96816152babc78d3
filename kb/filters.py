"""The fiche list's filters, built from the facet declarations (kb.facets)."""

from kb.facets import AXIS, PUBLIC, STATUS, TERRITORY
from kb.listing import ListingFilter
from kb.models.fiches import FichePage


class FicheFilter(ListingFilter):
    axis = AXIS.filter("axis", empty_label="Tous les axes")
    territory = TERRITORY.filter("territories", empty_label="Tous les territoires")
    public = PUBLIC.filter("publics", empty_label="Tous les publics")
    status = STATUS.filter("status", empty_label="Tous les états")

    class Meta(ListingFilter.Meta):
        model = FichePage
        fields: list[str] = []
