"""Read-only functions an app offers the others, found by name so that no app imports another.

The app that owns the answer registers its function from its `AppConfig.ready`; an app that
needs it asks by name and copes with nothing registered (the other app not installed):

    providers.register(providers.NEXT_MENSUELLE, event_next_mensuelle)   # events
    occurrence = providers.ask(providers.NEXT_MENSUELLE)                 # exchange
"""

from collections.abc import Callable

# () -> the next Mensuelle occurrence (a live, public, not cancelled event page), or None.
NEXT_MENSUELLE = "next_mensuelle"
# (since, until) -> the live, not cancelled event pages that ended in (since, until].
EVENTS_ENDED = "events_ended"
# (event_id) -> the ids of the members whose registration to that event page is confirmed.
EVENT_PARTICIPANTS = "event_participants"
# (figure) -> the geometry of its bar chart, drawn by templates/observatory/figure.html.
BAR_CHART = "bar_chart"

_provided: dict[str, Callable] = {}


def register(name: str, function: Callable) -> None:
    """Offer `function` under `name` (registering the name again replaces it)."""
    _provided[name] = function


def unregister(name: str) -> None:
    _provided.pop(name, None)


def ask(name: str, *args, **kwargs):
    """What the function registered under `name` answers, or None when none is."""
    function = _provided.get(name)
    return function(*args, **kwargs) if function is not None else None
