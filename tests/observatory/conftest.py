import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from kb.models import FichePage, Public, Territory
from tests.factories.kb import (
    AxisFactory,
    FichePageFactory,
    PublicFactory,
    TerritoryFactory,
)

OTHER_AXIS = "axe-essai-filtre"  # the review's second axis, filtered on by the tests


@pytest.fixture(autouse=True)
def fresh_figures():
    """Each test counts its own pages: no figure kept from a rolled-back test."""
    caches[settings.OBSERVATORY_CACHE].clear()
    yield
    caches[settings.OBSERVATORY_CACHE].clear()


def restrict(page) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all())


@pytest.fixture
def review(site_tree):
    """Three territories (cohorts 2023 and 2024, two régions), fiches shared across cohorts
    and régions, a members-only fiche and an unpublished one (beside the demo, when a test
    also reads it)."""
    axis, other_axis = AxisFactory(), AxisFactory(slug=OTHER_AXIS)
    public = PublicFactory()
    north = TerritoryFactory(
        cohort=2023, region="Région d'essai A", porteur_type=Territory.PorteurType.EPCI
    )
    south = TerritoryFactory(cohort=2024, region="Région d'essai A")
    east = TerritoryFactory(
        cohort=2023, region="Région d'essai B", porteur_type=Territory.PorteurType.DEPARTEMENT
    )
    index = site_tree.fiches
    fiches = {
        "north": FichePageFactory(parent=index, axis=axis, year=2023, territories=[north]),
        "both_cohorts": FichePageFactory(
            parent=index,
            axis=axis,
            year=2024,
            status=FichePage.Status.TERMINEE,
            territories=[north, south],
        ),
        "both_regions": FichePageFactory(
            parent=index,
            axis=other_axis,
            year=2024,
            status=FichePage.Status.A_INITIER,
            territories=[north, east],
        ),
        "members_only": FichePageFactory(parent=index, axis=axis, territories=[east]),
        "draft": FichePageFactory(parent=index, axis=axis, territories=[south]),
    }
    fiches["north"].publics.add(public)
    fiches["north"].save()
    fiches["members_only"].publics.add(public)
    fiches["members_only"].save()
    restrict(fiches["members_only"])
    fiches["draft"].unpublish()
    return {
        "axis": axis,
        "public": public,
        "territories": {"north": north, "south": south, "east": east},
        "fiches": fiches,
        "index": index,
    }


def public_fiches():
    """Counted the independent way: Wagtail's own visibility (`.public()`), not kb's."""
    return FichePage.objects.live().public()


__all__ = ["Public", "public_fiches", "restrict", "review"]
