"""The territories (TerritoryIndexPage): the list by region, and one page per territory."""

from django.shortcuts import get_object_or_404

from kb import sections
from kb.models.snippets import Territory
from kb.selectors import territory_list_by_region


def territory_list(request, *, page):
    """The territories by region, below the sections apps register (kb.sections.TERRITORIES)."""
    return page.render(
        request,
        context_overrides={
            "regions": territory_list_by_region(),
            "sections": sections.sections_for(sections.TERRITORIES, request=request, page=page),
        },
    )


def territory_detail(request, *, page, slug: str):
    """A territory's page: the sections apps register for it (kb.sections.TERRITORY)."""
    territory = get_object_or_404(Territory, slug=slug)
    return page.render(
        request,
        template="kb/territory_page.html",
        context_overrides={
            "territory": territory,
            "sections": sections.sections_for(
                sections.TERRITORY, request=request, territory=territory
            ),
        },
    )
