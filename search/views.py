from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kb import sections, usage
from kb.permissions import is_member
from search import service
from search.engines.base import PAGE_SIZE
from search.facets import facets, kind_labels
from search.forms import SearchForm
from search.text import clean_query


def _hit_json(hit) -> dict:
    return {
        "title": hit.title,
        "url": hit.url,
        "kind": hit.kind,
        "date": hit.date.isoformat() if hit.date else None,
        "snippet": hit.snippet,
        "time": hit.time,
    }


@never_cache
@require_GET
def search_api(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": form.error_message()}, status=400)
    query = form.to_query(members=is_member(request.user))
    results = service.search(query)
    return JsonResponse(
        {
            "total": results.total,
            "page": query.page,
            "hits": [_hit_json(hit) for hit in results.hits],
            "facets": {
                name: [vars(value) for value in values] for name, values in results.facets.items()
            },
            "suggestion": results.suggestion,
            "engine": results.engine,
            "fallback": results.fallback,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@never_cache
@require_GET
def autocomplete_api(request):
    prefix = clean_query(request.GET.get("q", ""))[:50]
    titles = service.autocomplete(prefix, members=is_member(request.user)) if prefix else []
    return JsonResponse({"suggestions": titles}, json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(
            request, "search/search.html", {"form": form, "error": form.error_message()}, status=400
        )
    query = form.to_query(members=is_member(request.user))
    results = service.search(query)
    last_page = max(1, -(-results.total // PAGE_SIZE))
    if query.page > last_page:
        raise Http404("Cette page de résultats n'existe pas.")
    if query.text and query.page == 1 and not any(query.filters.values()):
        # A search typed, not its next page nor its refinement by a facet.
        usage.announce(usage.SEARCH, query=form.cleaned_data["q"], results=results.total)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "search_query": query.text,
            "results": results,
            "facet_groups": _facet_groups(results),
            "active_filters": (active := _active_filters(request, results)),
            "active_groups": _active_groups(active),
            "pages": _pages(request, query.page, last_page),
            "kind_labels": kind_labels(),
            "sort_links": {
                sort: _url_with(request, sort=sort, page=None) for sort in ("relevance", "date")
            },
            # What apps add above the results (kb.sections.SEARCH): « Créer une alerte ».
            "sections": sections.sections_for(sections.SEARCH, request=request, query=query),
        },
    )


def _url_with(request, **changes) -> str:
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return f"?{params.urlencode()}"


def _toggle_url(request, facet: str, value: str) -> str:
    """The current URL with `value` added to or removed from `facet`, back to page 1."""
    params = {key: request.GET.getlist(key) for key in request.GET if key != "page"}
    values = params.get(facet, [])
    toggled = [v for v in values if v != value] if value in values else [*values, value]
    return "?" + urlencode({**params, facet: toggled}, doseq=True)


def _facet_groups(results) -> list[dict]:
    groups = []
    for name, facet in facets().items():
        values = results.facets.get(name, [])
        if not values:
            continue
        groups.append(
            {
                "name": name,
                "label": facet.label,
                # Ids and counts as text: the tag facet alone has hundreds of values, and
                # each number put through the template's localisation costs more than the row.
                "values": [
                    {"item": value, "id": f"f-{name}-{number}", "count": str(value.count)}
                    for number, value in enumerate(values, start=1)
                ],
                "selected": any(value.selected for value in values),
            }
        )
    return groups


def _active_filters(request, results) -> list[dict]:
    return [
        {
            "facet": name,
            "label": f"{facets()[name].label} : {value.label}",
            "value_label": value.label,
            "remove_url": _toggle_url(request, name, value.value),
        }
        for name, values in results.facets.items()
        for value in values
        if value.selected
    ]


def _active_groups(active_filters: list[dict]) -> list[dict]:
    """The active filters by facet: values of one facet read « ou », facets « et »."""
    groups: dict[str, dict] = {}
    for active in active_filters:
        name = active["facet"]
        groups.setdefault(name, {"label": facets()[name].label, "values": []})
        groups[name]["values"].append(active)
    return list(groups.values())


def _pages(request, current: int, last: int) -> list[dict]:
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    return [
        {"number": n, "url": _url_with(request, page=str(n)), "current": n == current}
        for n in numbers
    ]
