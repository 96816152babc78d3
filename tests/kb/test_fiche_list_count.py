"""The fiche list's count and the home page's latest fiches, read through their faster
queries (kb.selectors, kb migration 0006), stay the pages that the list shows.

Each test builds its own fiche list (tests/factories), beside whatever else the site holds.
"""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from kb import selectors
from kb.filters import FicheFilter
from kb.models import FichePage
from tests.factories.kb import AxisFactory, FicheIndexPageFactory, FichePageFactory, site_home

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def fiche_list():
    """A fiche list of five fiches: three on one axis, two « terminées »."""
    index = FicheIndexPageFactory(parent=site_home())
    axis = AxisFactory()
    for number in range(5):
        FichePageFactory(
            parent=index,
            axis=axis if number < 3 else AxisFactory(),
            status=FichePage.Status.TERMINEE if number % 2 else FichePage.Status.EN_COURS,
        )
    return index, axis


def shown_count(client, url) -> int:
    content = client.get(url).content.decode()
    return int(re.search(r'<p role="status">(\d+) fiches?</p>', content).group(1))


def restrict(page) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all())


def listed(index) -> set[int]:
    return set(selectors.fiche_list_live(parent=index).values_list("pk", flat=True))


def test_the_count_leaves_out_unpublished_and_members_only_fiches(client, fiche_list):
    index, _ = fiche_list
    assert shown_count(client, index.url) == len(listed(index)) == 5
    first, second = FichePage.objects.child_of(index).order_by("pk")[:2]
    first.unpublish()
    restrict(second)
    assert shown_count(client, index.url) == 3 == len(listed(index))
    assert selectors.fiche_count_live(parent=index) == 3


def test_the_count_leaves_out_fiches_below_a_members_only_section(fiche_list):
    index, _ = fiche_list
    restrict(index)
    assert selectors.fiche_count_live(parent=index) == 0 == len(listed(index))


def test_the_count_matches_the_list_with_filters(client, fiche_list):
    index, axis = fiche_list
    for query, expected in (({"axis": axis.slug}, 3), ({"status": "terminee"}, 2)):
        fiches = FicheFilter(
            QueryDict(urlencode(query)), queryset=selectors.fiche_list_live(parent=index)
        )
        assert fiches.qs.count() == expected
        assert shown_count(client, f"{index.url}?{urlencode(query)}") == expected


def test_the_latest_fiches_are_the_newest_live_public_ones(fiche_list):
    index, _ = fiche_list
    newest = list(FichePage.objects.live().public().order_by("-first_published_at", "title")[:6])
    assert selectors.fiche_list_latest(limit=6) == newest
    newest[0].unpublish()
    restrict(newest[1])
    assert selectors.fiche_list_latest(limit=4) == newest[2:6]
