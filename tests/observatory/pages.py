"""Reading the observatory's pages as a visitor would: tables, SVG charts, CSV files."""

import csv
import io
import re

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def number(text: str) -> float:
    """A number as the page writes it (French decimal comma: « 52,6 »)."""
    return float(text.replace(",", "."))


def tables(response) -> dict[str, dict[str, list[int]]]:
    """Each figure's data table: figure key -> {row code: values}."""
    shown = {}
    for section in soup(response).select("section[data-figure]"):
        rows = {}
        for row in section.select("tbody tr"):
            rows[row["data-code"]] = [number(cell.get_text()) for cell in row.select("td")]
        shown[section["data-figure"]] = rows
    return shown


def charts(response) -> dict[str, list[tuple[str, list[int]]]]:
    """Each figure's SVG chart: figure key -> [(row label, numbers read on its bars)]."""
    shown = {}
    for section in soup(response).select("section[data-figure]"):
        rows = []
        for group in section.select("svg g.tznr-chart__row"):
            label = group.select_one("text.tznr-chart__label").get_text()
            values = [
                int(re.match(r"(\d+)", text.get_text()).group(1))
                for text in group.select("text.tznr-chart__value")
            ]
            rows.append((label, values))
        shown[section["data-figure"]] = rows
    return shown


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))
