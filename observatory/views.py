"""The observatory's pages: the review with its filters, each figure's CSV, a territory's;
the open data page, its files and their data package."""

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from kb import datasets
from kb.datasets import LIST_SEPARATOR
from kb.figures import Figure, Scope
from kb.models import Territory
from observatory.charts import bar_chart
from observatory.csv_files import figure_csv
from observatory.figures import review_figures, territories_figure, territory_figures
from observatory.filters import ObservatoryFilter
from observatory.map import territory_map
from observatory.opendata import LICENCE, csv_lines, datapackage, json_chunks

FILTER_LABELS = {
    "year": "année de l'action",
    "cohort": "année de démarrage",
    "region": "région",
    "axis": "axe",
    "porteur_type": "type de porteur",
}


def figure_blocks(figures: list[Figure], scope: Scope, csv_url) -> list[dict]:
    """What the template draws for each figure: the figure, its chart, its CSV link, and
    the filters in use that it does not follow."""
    return [
        {
            "figure": figure,
            "chart": bar_chart(figure),
            "csv_url": csv_url(figure),
            "ignored": [FILTER_LABELS[name] for name in figure.ignored(scope)],
        }
        for figure in figures
    ]


def _scope(request) -> tuple[ObservatoryFilter, Scope | None]:
    filters = ObservatoryFilter(request.GET)
    return filters, (filters.scope() if filters.is_valid() else None)


def observatory(request):
    filters, scope = _scope(request)
    query = request.GET.urlencode()
    context = {"form": filters.form, "query": query}
    if scope is None:
        return TemplateResponse(request, "observatory/observatory.html", context, status=400)
    suffix = f"?{query}" if query else ""
    context.update(
        scope=scope,
        filtered=bool(scope.active()),
        blocks=figure_blocks(
            review_figures(scope), scope, lambda figure: f"{figure.key}.csv{suffix}"
        ),
        map=territory_map(scope, request),
        map_figure=territories_figure(scope),
        map_csv_url=f"territoires.csv{suffix}",
    )
    return TemplateResponse(request, "observatory/observatory.html", context)


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def figure_download(request, key: str):
    """One figure of the review as CSV, with the page's filters."""
    filters, scope = _scope(request)
    if scope is None:
        return HttpResponse(
            "Un filtre n'est pas valide.", status=400, content_type="text/plain; charset=utf-8"
        )
    figures = [territories_figure(scope), *review_figures(scope)]
    figure = next((figure for figure in figures if figure.key == key), None)
    if figure is None:
        raise Http404("Ce graphique n'existe pas.")
    return _csv(figure_csv(figure), f"observatoire-{key}.csv")


def territory_figure_download(request, slug: str, key: str):
    """One figure of a territory's page as CSV (the territory beside all territories)."""
    territory = get_object_or_404(Territory, slug=slug)
    figure = next((f for f in territory_figures(territory) if f.key == key), None)
    if figure is None:
        raise Http404("Ce graphique n'existe pas.")
    return _csv(figure_csv(figure), f"observatoire-{slug}-{key}.csv")


def opendata(request):
    """/donnees/: the datasets, their columns and their files."""
    return TemplateResponse(
        request,
        "observatory/opendata.html",
        {"datasets": datasets.registered(), "licence": LICENCE, "separator": LIST_SEPARATOR},
    )


def opendata_package(request):
    package = datapackage(homepage=request.build_absolute_uri(reverse("opendata")))
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})


def opendata_file(request, name: str, extension: str):
    dataset = datasets.get(name)
    if dataset is None:
        raise Http404("Ce jeu de données n'existe pas.")
    rows = dataset.rows(request=request)
    if extension == "csv":
        response = StreamingHttpResponse(
            csv_lines(dataset, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            json_chunks(dataset, rows), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'inline; filename="{name}.{extension}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
