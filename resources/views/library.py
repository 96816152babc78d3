"""The library page (ResourceIndexPage): facets with counts, a page of items."""

from django.template.response import TemplateResponse

from resources.selectors import LIBRARY_FACETS, library

PER_PAGE = 30
MAX_VALUES_PER_FACET = 50


def library_page(request, *, page):
    context = page.get_context(request)
    filters = {name: request.GET.getlist(name)[:MAX_VALUES_PER_FACET] for name in LIBRARY_FACETS}
    result = library(
        user=request.user,
        filters=filters,
        page_number=request.GET.get("page"),
        per_page=PER_PAGE,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "library": result,
            "page_obj": result.page,
            "facet_groups": [
                {"name": name, "label": label, "choices": result.facets[name]}
                for name, label in LIBRARY_FACETS.items()
                if result.facets[name]
            ],
            "filtered": any(
                choice.selected for choices in result.facets.values() for choice in choices
            ),
            "page_query_string": f"{query.urlencode()}&" if query else "",
        }
    )
    return TemplateResponse(request, page.get_template(request), context)
