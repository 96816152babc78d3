"""Essaimage in the observatory (kb.figures): the practices most reused by other territories,
and reuses by axis. Counted from the declarations on public fiches only; the observatory
draws their charts, tables and CSV files."""

from essaimage.models import Reuse
from essaimage.selectors import reuse_counts_by_axis, reuse_counts_by_fiche
from kb.figures import Figure, Row, Scope, Series
from kb.models import Axis, FichePage

MOST_REUSED = 10  # fiches in the « most reused » chart
LEVELS = tuple(Reuse.Level)
LEVEL_SERIES = tuple(
    Series(level.value, level.label, unit=("territoire", "territoires")) for level in LEVELS
)
REUSES = Series("reprises", "Reprises déclarées", unit=("reprise", "reprises"))
FICHES_REUSED = Series(
    "pratiques", "Pratiques reprises", unit=("pratique", "pratiques"), scale="reprises"
)
NOTE = (
    "Une reprise est la déclaration d'un territoire qui a repris la pratique d'une fiche "
    "publique ; les filtres d'année et d'axe portent sur la fiche, ceux de cohorte, de région "
    "et de type de porteur sur le territoire qui l'a reprise."
)


def _plural(number: int, one: str, many: str) -> str:
    return f"{number} {one if number in (0, 1) else many}"


def most_reused_figure(scope: Scope) -> Figure | None:
    counts = reuse_counts_by_fiche(scope)
    if not counts:
        return None
    fiches = {fiche.pk: fiche for fiche in FichePage.objects.filter(pk__in=counts)}
    ranked = sorted(counts, key=lambda pk: (-counts[pk].total(), fiches[pk].title, pk))
    rows = tuple(
        Row(
            f"{pk}",
            fiches[pk].title,
            tuple(counts[pk][level] for level in LEVELS),
            url=fiches[pk].url or "",
        )
        for pk in ranked[:MOST_REUSED]
    )
    leader = fiches[ranked[0]]
    total = counts[ranked[0]].total()
    summary = (
        f"{_plural(len(counts), 'pratique a été reprise', 'pratiques ont été reprises')} "
        f"par d'autres territoires. La plus reprise : « {leader.title} » "
        f"({_plural(total, 'territoire', 'territoires')})."
    )
    return Figure(
        key="essaimage-pratiques",
        title="Pratiques les plus reprises par d'autres territoires",
        summary=summary,
        category="Fiche pratique",
        series=LEVEL_SERIES,
        rows=rows,
        note=f"Les {MOST_REUSED} fiches les plus reprises, par où en est la reprise. {NOTE}",
    )


def reuses_by_axis_figure(scope: Scope) -> Figure:
    counts = reuse_counts_by_axis(scope)
    rows = tuple(
        Row(axis.slug, axis.name, counts.get(axis.pk, (0, 0)))
        for axis in Axis.objects.order_by("order", "name")
    )
    reuses = sum(row.values[0] for row in rows)
    summary = f"{_plural(reuses, 'reprise déclarée', 'reprises déclarées')}."
    leader = max(rows, key=lambda row: row.values[0], default=None)
    if leader is not None and leader.values[0]:
        summary += (
            f" L'axe dont les pratiques sont le plus reprises est « {leader.label} » "
            f"({REUSES.format(leader.values[0])}, {FICHES_REUSED.format(leader.values[1])})."
        )
    return Figure(
        key="essaimage-axes",
        title="Reprises de pratiques par axe de travail",
        summary=summary,
        category="Axe de travail",
        series=(REUSES, FICHES_REUSED),
        rows=rows,
        note=NOTE,
    )


def essaimage_figures(scope: Scope) -> list[Figure]:
    """The observatory's essaimage charts; none on a territory's page, whose essaimage
    section already lists what it reused and what others reused from it."""
    if scope.territory:
        return []
    most_reused = most_reused_figure(scope)
    return [figure for figure in (most_reused, reuses_by_axis_figure(scope)) if figure]
