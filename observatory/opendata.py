"""The open data files: every registered dataset (kb.datasets) as CSV and JSON, and the
Frictionless data package that describes them (a Table Schema per file)."""

import csv
import io
import json
from collections.abc import Iterator

from kb.datasets import Dataset, registered

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value}"


def csv_lines(dataset: Dataset, rows) -> Iterator[str]:
    """The CSV file, line by line (RFC 4180: comma, double quotes, UTF-8, header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [field.name for field in dataset.fields]
    writer.writerow(names)
    for index, row in enumerate(rows):
        writer.writerow([_cell(row.get(name)) for name in names])
        if index % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(dataset: Dataset, rows) -> Iterator[str]:
    """The JSON file: an array of objects, keyed by the fields' names."""
    names = [field.name for field in dataset.fields]
    yield "["
    for index, row in enumerate(rows):
        yield (
            ("," if index else "")
            + "\n"
            + json.dumps({name: row.get(name) for name in names}, ensure_ascii=False)
        )
    yield "\n]\n"


def schema(dataset: Dataset) -> dict:
    fields = []
    for field in dataset.fields:
        descriptor = {
            "name": field.name,
            "type": field.type,
            "title": field.title,
            "description": field.description,
        }
        constraints = {}
        if field.required:
            constraints["required"] = True
        if field.enum:
            constraints["enum"] = list(field.enum)
        if constraints:
            descriptor["constraints"] = constraints
        fields.append(descriptor)
    return {"fields": fields, "primaryKey": [dataset.primary_key]}


def datapackage(*, homepage: str) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "tznr-base-de-connaissances",
        "title": "Base de connaissances des territoires zéro non-recours",
        "description": "Les contenus publics de la base de connaissances de la communauté "
        "apprenante des territoires zéro non-recours : fiches pratiques, territoires, "
        "événements et ressources. Aucune donnée personnelle, aucun contenu réservé aux "
        "membres.",
        "homepage": homepage,
        "licenses": [LICENCE],
        "resources": [
            {
                "name": dataset.name,
                "title": dataset.title,
                "description": dataset.description,
                "path": f"{dataset.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema(dataset),
            }
            for dataset in registered()
        ],
    }
