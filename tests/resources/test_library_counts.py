"""The library's facet counts: each value counts the items that selecting it would list."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from resources.models import RecordingPage, ResourceIndexPage, ResourcePage
from resources.selectors import LIBRARY_FACETS, library, library_items

pytestmark = pytest.mark.usefixtures("demo")

FILTERS = [
    {},
    {"kind": ["guide"]},
    {"year": ["2024"]},
    {"kind": ["guide", "kit"], "year": ["2024"]},
    {"axis": ["aller-vers"], "kind": ["enregistrement", "guide"]},
    {"tag": ["rgpd"], "year": ["2024", "2025"]},
]


def items(result) -> list:
    """Every matching item, in order."""
    return library_items(list(result.rows))


def count(result, facet: str, value: str) -> int:
    return {c.value: c.count for c in result.facets[facet]}.get(value, 0)


def assert_counts_match_listings(user, filters):
    result = library(user=user, filters=filters)
    for name in LIBRARY_FACETS:
        for choice in result.facets[name]:
            narrowed = {**filters, name: [choice.value]}
            assert library(user=user, filters=narrowed).total == choice.count, (name, choice)


@pytest.mark.parametrize("filters", FILTERS)
def test_each_count_is_the_number_of_items_that_value_would_list(db, filters):
    assert_counts_match_listings(AnonymousUser(), filters)


@pytest.mark.parametrize("filters", [FILTERS[0], FILTERS[3]])
def test_counts_match_listings_for_members_too(member, filters):
    assert_counts_match_listings(member, filters)


def test_without_filters_the_total_is_every_visible_item(db):
    result = library(user=AnonymousUser(), filters={})
    public = ResourcePage.objects.live().public().count() + RecordingPage.objects.live().count()
    assert result.total == public
    assert sum(choice.count for choice in result.facets["kind"]) == public
    assert not any(choice.selected for choices in result.facets.values() for choice in choices)


def test_two_filters_list_the_items_having_both(db):
    result = library(user=AnonymousUser(), filters={"kind": ["guide"], "year": ["2024"]})
    guides = ResourcePage.objects.live().public().filter(kind="guide", year=2024)
    assert result.total == guides.count() > 0
    assert {item.page.pk for item in items(result)} == set(guides.values_list("pk", flat=True))
    years = {choice.value: choice for choice in result.facets["year"]}
    assert years["2024"].selected and years["2024"].count == result.total


def test_members_only_items_are_listed_and_counted_for_members_only(member):
    restricted = ResourcePage.objects.live().filter(
        pk__in=PageViewRestriction.objects.values("page_id")
    )
    public_years = ResourcePage.objects.live().public().values_list("year", flat=True)
    years = set(restricted.values_list("year", flat=True)) & set(public_years)
    assert years
    for year in years:
        filters = {"year": [str(year)]}
        visitor = library(user=AnonymousUser(), filters=filters)
        members = library(user=member, filters=filters)
        hidden = set(restricted.filter(year=year).values_list("pk", flat=True))
        assert visitor.ignored == members.ignored == []
        assert not hidden & {item.page.pk for item in items(visitor)}
        assert hidden <= {item.page.pk for item in items(members)}
        assert members.total == visitor.total + len(hidden)
        assert count(members, "year", str(year)) == count(visitor, "year", str(year)) + len(hidden)


def test_a_value_only_members_only_items_have_is_ignored_for_visitors(member):
    restricted_ids = PageViewRestriction.objects.values("page_id")
    public_tags = {
        tag.name
        for page in ResourcePage.objects.live().public().prefetch_related("tags")
        for tag in page.tags.all()
    } | {
        tag.name
        for page in RecordingPage.objects.live().public().prefetch_related("tags")
        for tag in page.tags.all()
    }
    private_tags = {
        tag.name
        for page in ResourcePage.objects.live().filter(pk__in=restricted_ids)
        for tag in page.tags.all()
    } - public_tags
    assert private_tags
    tag = sorted(private_tags)[0]
    assert library(user=AnonymousUser(), filters={"tag": [tag]}).ignored == [("Mot-clé", tag)]
    for_member = library(user=member, filters={"tag": [tag]})
    assert for_member.ignored == [] and for_member.total > 0


def test_pages_walk_through_every_item_once_newest_year_first(db, client):
    url = ResourceIndexPage.objects.get().url
    first = client.get(url).context
    seen = []
    for number in first["page_obj"].paginator.page_range:
        seen += client.get(url, {"page": number}).context["page_obj"].object_list
    assert len(seen) == len({item.page.pk for item in seen}) == first["library"].total
    keys = [(-(item.year or 0), item.page.title) for item in seen]
    assert [year for year, _ in keys] == sorted(year for year, _ in keys)
    assert client.get(url, {"page": number + 1}).status_code == 404
