"""The map of the 39 territories: France's départements (observatory/data/france_map.json,
built once by scripts/build_france_map.py, never fetched at run time), each laureate
territory a mark shaded by its number of actions and linking to its page."""

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from kb.figures import Scope
from kb.models import Territory, TerritoryIndexPage
from observatory.figures import territory_action_counts

MAP_FILE = Path(__file__).resolve().parent / "data" / "france_map.json"
SHADES = ("#f5f5fe", "#cacafb", "#8585f6", "#000091")  # DSFR blue-france tints, light to dark
MARK_RADIUS = 7
MARK_SPACING = 15


@cache
def map_data() -> dict:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def base_layer(laureates: frozenset[str]) -> SafeString:
    """The départements and insets (the same for every visitor), drawn once per process and
    set of laureate départements: a hundred paths that each page then copies as they are."""
    data = map_data()
    return render_to_string(
        "observatory/map_base.html",
        {"departements": data["departements"], "insets": data["insets"], "laureates": laureates},
    )


@dataclass(frozen=True)
class Mark:
    territory: Territory
    actions: int
    url: str
    x: float
    y: float
    fill: str
    stroke: str

    @property
    def label(self) -> str:
        actions = f"{self.actions} action{'s' if self.actions > 1 else ''}"
        return f"{self.territory.name} ({self.territory.departement}) : {actions}"


@dataclass(frozen=True)
class Shade:
    fill: str
    label: str


def shades_for(counts: list[int]) -> list[tuple[int, int, str]]:
    """Classes of the actions' numbers: (low, high, colour), none for 0, up to three above."""
    highest = max(counts, default=0)
    if highest == 0:
        return []
    bounds = sorted({max(1, round(highest * part / 3)) for part in (1, 2, 3)})
    classes, low = [], 1
    for index, high in enumerate(bounds):
        classes.append((low, high, SHADES[index + 1 + (3 - len(bounds))]))
        low = high + 1
    return classes


def _fill(actions: int, classes) -> str:
    return next((fill for low, high, fill in classes if low <= actions <= high), SHADES[0])


def territory_map(scope: Scope, request=None) -> dict:
    """The map's context: shapes, insets, one mark per territory of the scope, the legend."""
    data = map_data()
    counts = territory_action_counts(scope)
    territories = list(Territory.objects.filter(pk__in=counts).order_by("numero"))
    urls = TerritoryIndexPage.urls_for_territories(territories, request)
    classes = shades_for(list(counts.values()))
    by_code: dict[str, list[Territory]] = {}
    for territory in territories:
        by_code.setdefault(territory.code_departement, []).append(territory)
    marks = []
    for code, group in by_code.items():
        x, y = data["anchors"].get(code, (0, 0))
        for index, territory in enumerate(group):
            actions = counts[territory.pk]
            fill = _fill(actions, classes)
            marks.append(
                Mark(
                    territory=territory,
                    actions=actions,
                    url=urls[territory.pk],
                    x=round(x + (index - (len(group) - 1) / 2) * MARK_SPACING, 1),
                    y=y,
                    fill=fill,
                    stroke="#ffffff" if fill == SHADES[-1] else "#000091",
                )
            )
    laureate_codes = set(by_code)
    legend = [Shade(SHADES[0], "aucune action publiée")] + [
        Shade(
            fill,
            f"{low} action{'s' if low > 1 else ''}" if low == high else f"{low} à {high} actions",
        )
        for low, high, fill in classes
    ]
    return {
        "view_box": data["viewBox"],
        "credit": data["credit"],
        "base_layer": base_layer(frozenset(laureate_codes)),
        "marks": sorted(marks, key=lambda mark: mark.territory.name),
        "radius": MARK_RADIUS,
        "legend": legend,
        "total": sum(counts.values()),
    }
