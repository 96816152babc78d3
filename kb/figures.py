"""Figures that apps add to the observatory, without the observatory importing them.

An app (essaimage, satisfaction…) registers a provider from its `AppConfig.ready`:

    figures.register(figures.Provider("essaimage", essaimage_figures, order=50,
                                      depends_on=(Reuse,)))

`compute(scope)` returns the app's figures for that scope (a list, empty when it has
nothing to show). A figure is plain data: rows of a table, one value per series. The page
that shows it draws the chart, the table, the text summary and the CSV from that data, so
chart and CSV always agree. Figures are public: never members-only content, never anyone's
personal data. `depends_on` names the models whose saves and deletions change the figures:
the observatory forgets its cached figures when they change (publishing a page always does).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

FILTERS = ("year", "cohort", "region", "axis", "porteur_type")


@dataclass(frozen=True)
class Scope:
    """What the figures are about: the observatory's filters (empty: no filter), or one
    territory (its page). `axis` is an axis slug, `porteur_type` a Territory.PorteurType."""

    year: int | None = None
    cohort: int | None = None
    region: str = ""
    axis: str = ""
    porteur_type: str = ""
    territory: str = ""  # a territory's slug: the figures of its page

    def active(self) -> tuple[str, ...]:
        """The filters that have a value."""
        return tuple(name for name in FILTERS if getattr(self, name) not in (None, ""))


@dataclass(frozen=True)
class Series:
    """A column of values. `key` is its CSV column (stable, ASCII); series with the same
    `scale` (their unit, unless told) share the length of their bars."""

    key: str
    label: str
    unit: tuple[str, str] = ("action", "actions")  # singular, plural; ("%", "%") for rates
    scale: str = ""

    @property
    def scale_key(self) -> str:
        return self.scale or self.unit[1]

    def format(self, value: float) -> str:
        number = f"{value:g}".replace(".", ",") if isinstance(value, float) else f"{value}"
        if self.unit[1] == "%":
            return f"{number} %"
        return f"{number} {self.unit[0] if value in (0, 1) else self.unit[1]}"


@dataclass(frozen=True)
class Row:
    key: str  # stable code of the row (a slug, a year): the CSV's `code` column
    label: str
    values: tuple[float, ...]
    url: str = ""


@dataclass(frozen=True)
class Figure:
    key: str  # slug: the chart's anchor and its CSV file name
    title: str
    summary: str  # what the chart says, in a sentence or two (read before the chart)
    category: str  # heading of the rows' column, e.g. « Axe de travail »
    series: tuple[Series, ...]
    rows: tuple[Row, ...]
    filters: frozenset[str] = field(default_factory=lambda: frozenset(FILTERS))
    note: str = ""  # how it is counted

    def ignored(self, scope: Scope) -> tuple[str, ...]:
        """The filters in use that this figure does not follow."""
        return tuple(name for name in scope.active() if name not in self.filters)


@dataclass(frozen=True)
class Provider:
    name: str
    compute: Callable[[Scope], list[Figure]]
    order: int = 100
    depends_on: tuple = ()  # models whose changes change the figures


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    """Add `provider`; registering the same name again replaces it."""
    _providers[provider.name] = provider


def unregister(name: str) -> None:
    _providers.pop(name, None)


def registered() -> list[Provider]:
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.name))


def figures_for(scope: Scope) -> list[Figure]:
    """Every registered provider's figures for `scope`, in the providers' order."""
    return [figure for provider in registered() for figure in provider.compute(scope)]
