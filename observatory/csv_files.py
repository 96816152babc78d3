"""CSV of a figure: the same Figure the chart and the table show (code, libelle, series)."""

import csv
import io

from kb.figures import Figure


def figure_csv(figure: Figure) -> str:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["code", "libelle", *(series.key for series in figure.series)])
    for row in figure.rows:
        writer.writerow([row.key, row.label, *row.values])
    return output.getvalue()
