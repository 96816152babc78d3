import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.models import Page


@never_cache
def search_page(request):
    query = " ".join(re.sub(r"[^\w\s-]", " ", request.GET.get("q", "")).split())[:200]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page_obj = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"q": query, "page_obj": page_obj})
