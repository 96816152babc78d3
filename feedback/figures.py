"""The satisfaction results as kb.figures.Figure data: the observatory's bar chart (asked by
name, kb.providers.BAR_CHART), its data table and its CSV are drawn from the same figure."""

import csv
import io

from django.utils.formats import date_format

from feedback.selectors import Result
from kb import providers
from kb.figures import Figure, Row, Series

RATE = ("%", "%")
SERIES = (
    Series("tres_utiles_ou_utiles", "Très utiles ou utiles", unit=RATE),
    Series("tres_utile", "Très utile", unit=RATE),
    Series("utile", "Utile", unit=RATE),
    Series("peu_utile", "Peu utile", unit=RATE),
    Series("inutile", "Inutile", unit=RATE),
)


def _answers(count: int) -> str:
    return f"{count} réponse{'s' if count > 1 else ''}"


def _row(result: Result) -> Row:
    values = (result.useful_rate, *(share for _, share, _ in result.breakdown))
    return Row(result.key, f"{result.label} ({_answers(result.total)})", values)


def _summary(results: list[Result], what: str) -> str:
    if not results:
        return f"Aucune réponse {what} pour ces filtres."
    parts = [
        f"{result.label} : {format_rate(result.useful_rate)} très utiles ou utiles "
        f"({_answers(result.total)})"
        for result in results
    ]
    return "; ".join(parts) + "."


def format_rate(value: float) -> str:
    return f"{value:g} %".replace(".", ",")


def satisfaction_figure(key: str, title: str, category: str, results: list[Result]) -> Figure:
    return Figure(
        key=key,
        title=title,
        summary=_summary(results, ""),
        category=category,
        series=SERIES,
        rows=tuple(_row(result) for result in results),
        filters=frozenset({"year"}),
        note="Part des réponses à chaque niveau, arrondie au dixième.",
    )


def figure_block(figure: Figure, csv_url: str) -> dict:
    """What templates/observatory/figure.html draws: the figure, its chart, its CSV."""
    return {
        "figure": figure,
        "chart": providers.ask(providers.BAR_CHART, figure),
        "csv_url": csv_url,
        "ignored": [],
    }


def figure_csv(figure: Figure) -> str:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["code", "libelle", *(series.key for series in figure.series)])
    for row in figure.rows:
        writer.writerow([row.key, row.label, *row.values])
    return output.getvalue()


USAGE_SERIES = (
    Series("pages_vues", "Pages vues", unit=("vue", "vues"), scale="usages"),
    Series(
        "telechargements",
        "Téléchargements",
        unit=("téléchargement", "téléchargements"),
        scale="usages",
    ),
    Series("lectures_video", "Lectures de vidéo", unit=("lecture", "lectures"), scale="usages"),
    Series("recherches", "Recherches", unit=("recherche", "recherches"), scale="usages"),
)
USAGE_KINDS = ("page", "document", "video", "searches")


def usage_figure(weeks) -> Figure:
    """Uses per week (selectors.usage_by_week): one row a week, one series a kind of use."""
    rows = tuple(
        Row(
            week.monday.isoformat(),
            f"Semaine du {date_format(week.monday, 'j F Y')}",
            tuple(week.counts[kind] for kind in USAGE_KINDS),
        )
        for week in weeks
    )
    totals = [sum(row.values[index] for row in rows) for index in range(len(USAGE_SERIES))]
    summary = (
        f"Sur {len(rows)} semaine{'s' if len(rows) > 1 else ''} : "
        + ", ".join(
            f"{series.format(total)} ({series.label.lower()})"
            for series, total in zip(USAGE_SERIES, totals, strict=True)
        )
        + "."
    )
    return Figure(
        key="usages-par-semaine",
        title="Usages par semaine",
        summary=summary,
        category="Semaine",
        series=USAGE_SERIES,
        rows=rows,
        filters=frozenset(),
        note="Comptés par jour sans cookie ni donnée personnelle, puis additionnés par semaine "
        "(du lundi au dimanche).",
    )
