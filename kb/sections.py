"""Sections that apps add to the pages of others: the home page, the territories' list, a
territory, an event.

A page names its slots; an app fills them from its `AppConfig.ready`, as Wagtail's own hooks
do, so the page never imports the app:

    sections.register(sections.HOME, Section("events", "events/sections/upcoming.html",
                                             upcoming_events, order=20))

`context(request=…, **page_arguments)` returns the section's template context, or None to
leave the section out (nothing to show, or not for this visitor).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Window

HOME = "home"  # the home page, below the search bar and key figures: kwargs page
TERRITORY = "territory"  # a territory's page: kwargs territory
TERRITORIES = "territories"  # the territories' list, above it: kwargs page
EVENT = "event"  # an event's page, below its programme: kwargs event
SEARCH = "search"  # the search page, above its results: kwargs query (search's SearchQuery)
PAGE = "page"  # a content page (fiche, resource, recording), below its body: kwargs page
PROFILE = "profile"  # « Mon profil », below the person's data: kwargs user
LOGIN = "login"  # the login forms (site and admin), beside the password: no kwargs
# Beside a thing one may follow (`{% follow_button kind key %}` in any template): kwargs
# kind and key, as declared in kb.activity (the follows app fills it with « Suivre »).
FOLLOW = "follow"


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    """What a page template includes: `{% include section.template with section=section %}`."""

    name: str
    template: str
    context: dict

    def __getitem__(self, key):
        return self.context[key]


_slots: dict[str, dict[str, Section]] = {}


def register(slot: str, section: Section) -> None:
    """Add `section` to `slot`; registering the same name again replaces it."""
    _slots.setdefault(slot, {})[section.name] = section


def unregister(slot: str, name: str) -> None:
    _slots.get(slot, {}).pop(name, None)


def registered(slot: str) -> list[Section]:
    return sorted(_slots.get(slot, {}).values(), key=lambda section: (section.order, section.name))


def sections_for(slot: str, *, request, **arguments) -> list[RenderedSection]:
    """The sections of `slot` that have something to show, in their order."""
    rendered = []
    for section in registered(slot):
        context = section.context(request=request, **arguments)
        if context is not None:
            rendered.append(RenderedSection(section.name, section.template, context))
    return rendered


# Bounded sections: a page shows a few items of each kind, whatever the corpus, and links to
# the listing that has them all (« Voir les 40 fiches de ce territoire »).
SELECTION_LIMIT = 6


@dataclass(frozen=True)
class Selection:
    """The first items of a longer list, how many the list holds (`count`), and the listing
    that shows them all (`url`, already filtered). Iterates over the items it shows."""

    items: list
    count: int
    url: str = ""

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    @property
    def more(self) -> bool:
        """Whether the list holds more than the items shown."""
        return self.count > len(self.items)

    @property
    def others(self) -> int:
        """How many the list holds beyond the items shown."""
        return self.count - len(self.items)


def select(items: QuerySet, *, url: str = "", limit: int = SELECTION_LIMIT) -> Selection:
    """At most `limit` of `items` (a queryset, in its order) and how many it holds, in one
    query: the count comes with the rows (`COUNT(*) OVER ()`, counted before the limit)."""
    rows = list(items.annotate(selection_total=Window(Count("*")))[:limit])
    return Selection(rows, rows[0].selection_total if rows else 0, url)
