"""The fiche list's count and the home page's latest fiches, read through their faster
queries (kb.selectors, kb migration 0006), stay the pages that the list shows."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from kb import selectors
from kb.filters import FicheFilter
from kb.models import Axis, FicheIndexPage, FichePage

pytestmark = pytest.mark.django_db


def shown_count(client, url="/fiches/") -> int:
    content = client.get(url).content.decode()
    return int(re.search(r'<p role="status">(\d+) fiches?</p>', content).group(1))


def restrict(page) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all())


def listed(index) -> set[int]:
    return set(selectors.fiche_list_live(parent=index).values_list("pk", flat=True))


def test_the_count_leaves_out_unpublished_and_members_only_fiches(client):
    index = FicheIndexPage.objects.get()
    before = shown_count(client)
    assert before == len(listed(index)) == FichePage.objects.live().public().count()
    first, second = FichePage.objects.live().public().order_by("pk")[:2]
    first.unpublish()
    restrict(second)
    assert shown_count(client) == before - 2 == len(listed(index))
    assert selectors.fiche_count_live(parent=index) == before - 2


def test_the_count_leaves_out_fiches_below_a_members_only_section(client):
    index = FicheIndexPage.objects.get()
    restrict(index)
    assert selectors.fiche_count_live(parent=index) == 0 == len(listed(index))


def test_the_count_matches_the_list_with_filters(client):
    index = FicheIndexPage.objects.get()
    axis = Axis.objects.first()
    assert selectors.fiche_count_live(parent=index) == len(listed(index)) == shown_count(client)
    for query in ({"axis": axis.slug}, {"status": FichePage.Status.EN_COURS}):
        fiches = FicheFilter(QueryDict(urlencode(query)), queryset=selectors.fiche_list_live())
        assert shown_count(client, f"/fiches/?{urlencode(query)}") == fiches.qs.count() > 0


def test_the_latest_fiches_are_the_newest_live_public_ones():
    newest = list(FichePage.objects.live().public().order_by("-first_published_at", "title")[:6])
    assert selectors.fiche_list_latest(limit=6) == newest
    newest[0].unpublish()
    restrict(newest[1])
    assert selectors.fiche_list_latest(limit=4) == newest[2:6]
