"""kb.selectors.public_pages hides exactly what Wagtail's `.public()` hides."""

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from kb.selectors import public_pages
from resources.models import ResourceIndexPage


def public_ids(pages) -> set[int]:
    return set(pages.values_list("pk", flat=True))


def test_same_pages_as_wagtail_public_with_restricted_leaves(db):
    assert PageViewRestriction.objects.exists()  # the demo has members-only resources
    pages = Page.objects.all()
    assert public_ids(public_pages(pages)) == public_ids(pages.public())
    assert public_ids(public_pages(pages)) < public_ids(pages)


def test_a_restricted_section_hides_its_descendants(db):
    section = ResourceIndexPage.objects.get()
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all())
    pages = Page.objects.all()
    visible = public_ids(public_pages(pages))
    assert visible == public_ids(pages.public())
    assert not visible & public_ids(section.get_descendants(inclusive=True))
