"""Server-side SVG bar charts: the geometry of a figure's bars, drawn by a template.

No script and no external call: the chart is plain SVG in the page, readable without
JavaScript, printable, and its numbers are the ones of the table and the CSV beside it
(the same Figure). Each bar is labelled with its value in words (« 12 actions ») and, when
a row has several series, with the series' name: colour is never the only cue.
"""

from dataclasses import dataclass

from kb.figures import Figure

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 4
ROW_GAP = 12
CHARACTER_WIDTH = 7.2  # an average character of the values' text (13 px), to leave it room
FILLS = ("#000091", "#6a6af4", "#009081", "#a558a0", "#c9191e")  # DSFR blue, then others


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: int
    fill: str
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: float
    rows: tuple[ChartRow, ...]
    legend: tuple[tuple[str, str], ...]  # (fill, label) when there are several series


def bar_chart(figure: Figure) -> Chart:
    """Horizontal bars: each row's label, then one bar per series. Series sharing a scale
    (kb.figures.Series.scale_key) share the bars' length."""
    longest: dict[str, float] = {}
    for index, series in enumerate(figure.series):
        values = [row.values[index] for row in figure.rows]
        longest[series.scale_key] = max([longest.get(series.scale_key, 0), *values])
    several = len(figure.series) > 1

    def text(series, value) -> str:
        return series.format(value) + (f" · {series.label}" if several else "")

    longest_text = max(
        (len(text(s, row.values[i])) for row in figure.rows for i, s in enumerate(figure.series)),
        default=0,
    )
    room = WIDTH - 10 - CHARACTER_WIDTH * longest_text
    rows, y = [], 0.0
    for row in figure.rows:
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        bars = []
        for index, series in enumerate(figure.series):
            value = row.values[index]
            top = longest[series.scale_key]
            width = round(room * value / top, 1) if top else 0
            bars.append(
                Bar(
                    x=0,
                    y=y,
                    width=max(width, 1.5) if value else 0,
                    height=BAR_HEIGHT,
                    fill=FILLS[index % len(FILLS)],
                    text=text(series, value),
                    text_x=width + 6,
                    text_y=y + BAR_HEIGHT - 3,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        rows.append(ChartRow(row.label, label_y, tuple(bars)))
        y += ROW_GAP
    legend = (
        tuple((FILLS[i % len(FILLS)], s.label) for i, s in enumerate(figure.series))
        if several
        else ()
    )
    return Chart(WIDTH, max(y, 20), tuple(rows), legend)
