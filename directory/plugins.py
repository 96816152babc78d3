"""What the directory adds to territory pages and to search (DirectoryConfig.ready)."""

from django.urls import reverse
from django.utils.http import urlencode

from directory.search_documents import COORDINATORS
from directory.selectors import coordinator_list_visible
from kb import searchable, sections
from kb.permissions import is_member


def territory_contacts(*, request, territory) -> dict:
    """The territory's entries for members, and the directory filtered on it; others are
    asked to sign in."""
    if not is_member(request.user):
        return {"coordinators": None}
    url = f"{reverse('directory')}?{urlencode({'territory': territory.slug})}"
    coordinators = coordinator_list_visible(territory=territory).order_by("name", "pk")
    return {"coordinators": sections.select(coordinators, url=url)}


def register() -> None:
    sections.register(
        sections.TERRITORY,
        sections.Section(
            "contacts", "directory/sections/territory_contacts.html", territory_contacts, 40
        ),
    )
    searchable.register(COORDINATORS)
