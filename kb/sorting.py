"""Orders that apps add to a listing (the fiche list's « les plus reprises »).

A listing names itself; an app registers a `Sort` from its `AppConfig.ready`. The listing's
filter set offers the registered orders in a `sort` field (its first choice, the listing's own
order, is the empty value), and applies the one chosen.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

FICHES = "fiches"  # the fiche list (FicheIndexPage)


@dataclass(frozen=True)
class Sort:
    name: str  # the value of the `sort` query parameter
    label: str
    apply: Callable[[QuerySet], QuerySet]


_listings: dict[str, dict[str, Sort]] = {}


def register(listing: str, sort: Sort) -> None:
    """Offer `sort` on `listing`; registering the same name again replaces it."""
    _listings.setdefault(listing, {})[sort.name] = sort


def unregister(listing: str, name: str) -> None:
    _listings.get(listing, {}).pop(name, None)


def sorts(listing: str) -> list[Sort]:
    return list(_listings.get(listing, {}).values())


def get(listing: str, name: str) -> Sort | None:
    return _listings.get(listing, {}).get(name)
