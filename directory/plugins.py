"""What the directory adds to territory pages and to search (DirectoryConfig.ready)."""

from directory.search_documents import COORDINATORS
from directory.selectors import coordinator_list_visible
from kb import searchable, sections
from kb.permissions import is_member


def territory_contacts(*, request, territory) -> dict:
    """The territory's entries for members; others are asked to sign in."""
    if not is_member(request.user):
        return {"coordinators": None}
    return {"coordinators": coordinator_list_visible(territory=territory)}


def register() -> None:
    sections.register(
        sections.TERRITORY,
        sections.Section(
            "contacts", "directory/sections/territory_contacts.html", territory_contacts, 40
        ),
    )
    searchable.register(COORDINATORS)
