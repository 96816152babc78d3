"""The fiche list (FicheIndexPage): filters, a count and a page of cards."""

from django.template.response import TemplateResponse

from kb.filters import FicheFilter
from kb.listing import paginate
from kb.selectors import fiche_count_live, fiche_list_live

PER_PAGE = 12


def fiche_list(request, *, page):
    context = page.get_context(request)
    fiches = FicheFilter(request.GET, queryset=fiche_list_live(parent=page))
    context["form"] = fiches.form
    if not fiches.is_valid():
        return TemplateResponse(request, page.get_template(request), context, status=400)
    # Without a filter, the count reads the page table alone (kb.selectors.fiche_count_live).
    context["followed_axis"] = fiches.form.cleaned_data.get("axis")  # the axis's own list
    count = fiches.qs.count() if fiches.is_filtered() else fiche_count_live(parent=page)
    context.update(paginate(request, fiches.qs, per_page=PER_PAGE, count=count, form=fiches.form))
    return TemplateResponse(request, page.get_template(request), context)
