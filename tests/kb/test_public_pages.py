"""kb.selectors.public_pages hides exactly what Wagtail's `.public()` hides."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from kb.selectors import public_pages
from tests.factories.kb import FicheIndexPageFactory, FichePageFactory, site_home

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def public_ids(pages) -> set[int]:
    return set(pages.values_list("pk", flat=True))


def restrict(page) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all())


@pytest.fixture
def section():
    """A fiche list with three fiches."""
    index = FicheIndexPageFactory(parent=site_home())
    for _ in range(3):
        FichePageFactory(parent=index)
    return index


def test_same_pages_as_wagtail_public_with_restricted_leaves(section):
    restrict(section.get_children().first())
    pages = Page.objects.all()
    assert public_ids(public_pages(pages)) == public_ids(pages.public())
    assert public_ids(public_pages(pages)) < public_ids(pages)


def test_a_restricted_section_hides_its_descendants(section):
    restrict(section)
    pages = Page.objects.all()
    visible = public_ids(public_pages(pages))
    assert visible == public_ids(pages.public())
    assert not visible & public_ids(section.get_descendants(inclusive=True))
