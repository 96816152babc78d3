"""The library page: its own GET filters with counts, and download links with format and size."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page

from resources.models import RecordingPage, ResourceIndexPage, ResourcePage
from resources.selectors import library, library_items

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def url(db):
    return ResourceIndexPage.objects.get().url


def counts(html: str, facet: str) -> dict[str, int]:
    block = re.search(rf'<fieldset[^>]*id="filtre-{facet}".*?</fieldset>', html, re.S).group(0)
    values = re.findall(r'value="([^"]+)"', block)
    numbers = [int(n) for n in re.findall(r'class="tznr-count">\((\d+)\)', block)]
    return dict(zip(values, numbers, strict=True))


def listed(html: str) -> list[str]:
    titles = re.findall(r'<h2 class="fr-card__title fr-h5"><a href="[^"]+">([^<]+)</a>', html)
    return [unescape(title) for title in titles]


def test_the_page_has_a_get_filter_form_for_each_facet(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<form id="filtres-bibliotheque" method="get"', html)
    for facet in ["kind", "axis", "territory", "year", "tag"]:
        assert f'id="filtre-{facet}"' in html
    public = ResourcePage.objects.live().public().count() + RecordingPage.objects.live().count()
    assert len(listed(html)) == public


def test_filtering_by_kind_lists_only_that_kind_and_counts_agree(client, url):
    html = client.get(url).content.decode()
    kinds = counts(html, "kind")
    assert kinds["guide"] >= 2 and kinds["enregistrement"] == 8
    for kind, count in kinds.items():
        filtered = client.get(url, {"kind": kind}).content.decode()
        assert len(listed(filtered)) == count, kind


def test_facets_combine_and_each_ignores_its_own_selection(client, url):
    html = client.get(url, {"kind": ["guide", "kit"], "year": "2024"}).content.decode()
    both = listed(html)
    guides_2024 = ResourcePage.objects.live().public().filter(kind__in=["guide", "kit"], year=2024)
    assert sorted(both) == sorted(p.title for p in guides_2024)
    # The kind facet still counts other kinds for 2024, and marks the chosen ones.
    kinds = counts(html, "kind")
    assert kinds["guide"] + kinds["kit"] == len(both)
    assert re.search(r'value="guide" checked', html)


def test_filtering_by_territory_axis_and_tag(client, url):
    resource = next(p for p in ResourcePage.objects.live().public() if p.territories.exists())
    territory = resource.territories.first()
    html = client.get(url, {"territory": territory.slug}).content.decode()
    assert resource.title in listed(html)
    axis_html = client.get(url, {"axis": "aller-vers"}).content.decode()
    assert "Enregistrement — L'aller-vers" in listed(axis_html)
    tagged = listed(client.get(url, {"tag": "rgpd"}).content.decode())
    assert tagged
    for title in tagged:
        page = Page.objects.get(title=title).specific
        assert "rgpd" in [tag.name for tag in page.tags.all()], title


def test_unknown_filter_values_are_ignored_with_a_message(client, url):
    response = client.get(url, {"kind": "inconnu", "year": "<script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filtre ignoré" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert len(listed(html)) > 0


def test_the_old_french_parameter_names_filter_too(client, url):
    """One vocabulary of query parameters across pages: `axe` and `territoire` (the directory's
    former names) mean `axis` and `territory` here as everywhere."""
    for old, new, value in [("axe", "axis", "aller-vers"), ("territoire", "territory", "grenoble")]:
        by_old = listed(client.get(url, {old: value}).content.decode())
        assert by_old == listed(client.get(url, {new: value}).content.decode())
        assert by_old != listed(client.get(url).content.decode())


def test_a_page_number_past_the_last_is_a_404_and_a_bad_one_a_400(client, url):
    assert client.get(url, {"page": 999}).status_code == 404
    response = client.get(url, {"page": "deux", "kind": "guide"})
    assert response.status_code == 400
    assert "Ce numéro de page n'est pas valide" in response.content.decode()


def test_members_only_resources_are_neither_listed_nor_counted_for_visitors(member):
    restricted = [p for p in ResourcePage.objects.live() if p.get_view_restrictions()]
    assert restricted
    visitor = library(user=AnonymousUser(), filters={})
    shown = {item.page.title for item in library_items(list(visitor.rows))}
    assert not shown & {page.title for page in restricted}
    members = library(user=member, filters={})
    assert members.total == visitor.total + len(restricted)
    member_counts = {c.value: c.count for c in members.facets["kind"]}
    visitor_counts = {c.value: c.count for c in visitor.facets["kind"]}
    for kind in {page.kind for page in restricted}:
        hidden = sum(1 for page in restricted if page.kind == kind)
        assert member_counts[kind] == visitor_counts.get(kind, 0) + hidden


def test_download_links_show_format_and_size(client, url):
    html = client.get(url).content.decode()
    details = re.findall(
        r'<span class="fr-link__detail">([A-Z]+) – ([\d,]+\xa0(?:octets|ko|Mo))</span>', html
    )
    formats = {fmt for fmt, _ in details}
    assert {"PDF", "ODT", "WEBM"} <= formats
    resource = ResourcePage.objects.live().public().filter(kind="guide").first()
    page = client.get(resource.url).content.decode()
    assert 'class="fr-link fr-link--download" download' in page
