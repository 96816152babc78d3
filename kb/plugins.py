"""What kb adds to the shared pages and to search, like any other app (KbConfig.ready)."""

from kb import fiche_activity, search_documents, searchable, sections, site_cache
from kb.models import FicheIndexPage
from kb.selectors import fiche_list_for_territory, fiche_list_latest, listing_url


def latest_fiches(*, request, page) -> dict:
    return {"fiches": fiche_list_latest(limit=6)}


def territory_fiches(*, request, territory) -> dict:
    """The territory's newest fiches, and the fiche list filtered on the territory. Public
    fiches only, the same for every visitor, and their count reads all of the territory's:
    kept per worker for a minute at most, dropped at the next publication (kb.site_cache)."""
    url = listing_url(FicheIndexPage, request, territory=territory.slug)
    newest = site_cache.remember(
        f"territory-fiches:{territory.pk}",
        lambda: sections.select(fiche_list_for_territory(territory=territory)),
    )
    return {"fiches": sections.Selection(newest.items, newest.count, url)}


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
