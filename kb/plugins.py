"""What kb adds to the shared pages and to search, like any other app (KbConfig.ready)."""

from kb import fiche_activity, search_documents, searchable, sections
from kb.selectors import fiche_list_for_territory, fiche_list_latest


def latest_fiches(*, request, page) -> dict:
    return {"fiches": fiche_list_latest(limit=6)}


def territory_fiches(*, request, territory) -> dict:
    return {"fiches": fiche_list_for_territory(territory=territory)}


def register() -> None:
    sections.register(
        sections.HOME,
        sections.Section("fiches", "kb/sections/latest_fiches.html", latest_fiches, 10),
    )
    sections.register(
        sections.TERRITORY,
        sections.Section("fiches", "kb/sections/territory_fiches.html", territory_fiches, 10),
    )
    searchable.register(search_documents.FICHES)
    searchable.register(search_documents.TERRITORIES)
    fiche_activity.register()
