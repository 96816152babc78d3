"""Open datasets that apps publish, without the app that serves them importing the others.

Each app declares its public data as a dataset from its `AppConfig.ready`:

    datasets.register(datasets.Dataset(
        name="evenements", title="Événements", description="…",
        fields=(datasets.Field("id", "integer", "Identifiant", "…"), …),
        rows=event_rows,
    ))

`rows(request=request)` yields one dict per row, keyed by the fields' names (the request gives
the pages' full URLs), with only public content: never members-only pages, never personal
data (no names, e-mails or phone numbers of people, no visio links). The observatory serves
every registered dataset as CSV and JSON and describes them in a Frictionless
`datapackage.json` (a Table Schema per file).
Field names are the files' columns: once published, keep them stable.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Table Schema types the datasets use (https://specs.frictionlessdata.io/table-schema/).
TYPES = ("string", "integer", "number", "boolean", "date", "datetime")
LIST_SEPARATOR = "|"  # multi-valued columns: slugs joined by this character


@dataclass(frozen=True)
class Field:
    name: str  # lowercase ASCII, words joined by "_"
    type: str
    title: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()  # the only values allowed, if any

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"type de champ inconnu : {self.type}")


@dataclass(frozen=True)
class Dataset:
    name: str  # lowercase ASCII: the file names (<name>.csv, <name>.json)
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: Callable[..., Iterable[dict]]
    order: int = 100
    primary_key: str = "id"


_datasets: dict[str, Dataset] = {}


def register(dataset: Dataset) -> None:
    """Add `dataset`; registering the same name again replaces it."""
    _datasets[dataset.name] = dataset


def unregister(name: str) -> None:
    _datasets.pop(name, None)


def registered() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda dataset: (dataset.order, dataset.name))


def get(name: str) -> Dataset | None:
    return _datasets.get(name)


def join(values: Iterable[str]) -> str:
    """A multi-valued column's cell."""
    return LIST_SEPARATOR.join(values)
