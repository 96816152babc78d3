"""The library page (ResourceIndexPage): facets with counts, a page of items."""

from django.template.response import TemplateResponse

from kb.listing import paginate
from resources.filters import LIBRARY_FACETS, LibraryFilter
from resources.selectors import library, library_items, library_page_rows

PER_PAGE = 30


def library_page(request, *, page):
    context = page.get_context(request)
    query = LibraryFilter(request.GET)
    context["form"] = query.form
    if not query.is_valid():  # the page number: facet values are never refused
        return TemplateResponse(request, page.get_template(request), context, status=400)
    result = library(user=request.user, filters=query.selected())
    context.update(
        paginate(request, result.rows, per_page=PER_PAGE, form=query.form, count=result.total)
    )
    page_obj = context["page_obj"]
    page_obj.object_list = library_items(library_page_rows(result, page_obj))
    context.update(
        {
            "library": result,
            "facet_groups": [
                {"name": name, "label": label, "choices": result.facets[name]}
                for name, label in LIBRARY_FACETS.items()
                if result.facets[name]
            ],
            "filtered": any(
                choice.selected for choices in result.facets.values() for choice in choices
            ),
        }
    )
    return TemplateResponse(request, page.get_template(request), context)
