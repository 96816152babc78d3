"""The facets, declared once as data; both engines and the page read this declaration."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

KIND_LABELS = {
    "fiche": "Fiche pratique",
    "evenement": "Événement",
    "enregistrement": "Enregistrement",
    "ressource": "Ressource",
    "territoire": "Territoire",
    "annuaire": "Annuaire",
}


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    labels: Callable[[], dict[str, str]] = field(default=dict, compare=False)
    order_by_label: bool = False


def _axis_labels() -> dict[str, str]:
    from kb.models import Axis

    return dict(Axis.objects.values_list("slug", "name"))


def _territory_labels() -> dict[str, str]:
    from kb.models import Territory

    return dict(Territory.objects.values_list("slug", "name"))


def _public_labels() -> dict[str, str]:
    from kb.models import Public

    return dict(Public.objects.values_list("slug", "name"))


def _status_labels() -> dict[str, str]:
    from kb.models import FichePage

    return dict(FichePage.Status.choices)


def _event_kind_labels() -> dict[str, str]:
    from events.models import EventPage

    return dict(EventPage.Kind.choices)


FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in [
        Facet("kind", "Type de contenu", lambda: KIND_LABELS),
        Facet("axis", "Axe de travail", _axis_labels),
        Facet("territory", "Territoire", _territory_labels, order_by_label=True),
        Facet("region", "Région", order_by_label=True),
        Facet("public", "Public", _public_labels),
        Facet("status", "État d'avancement", _status_labels),
        Facet("year", "Année"),
        Facet("event_kind", "Type d'événement", _event_kind_labels),
        Facet("tag", "Mot-clé"),
    ]
}


LABELS_TTL = 60.0
_labels: dict[str, tuple[float, dict[str, str]]] = {}


def facet_labels(facet: Facet) -> dict[str, str]:
    """The facet's value labels, read once a minute per process instead of once per search.

    Saving or deleting an axis, public or territory clears them (search/signals.py).
    """
    now = time.monotonic()
    cached = _labels.get(facet.name)
    if cached is None or now - cached[0] > LABELS_TTL:
        cached = _labels[facet.name] = (now, facet.labels())
    return cached[1]


def clear_facet_labels(**kwargs) -> None:
    _labels.clear()
