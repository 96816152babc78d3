"""What each app stores about a person, gathered for « Mon profil » and its JSON download.

An app registers, from its `AppConfig.ready`, a function that returns what it keeps about a
user (JSON-serialisable), under the heading the person reads:

    personal_data.register("questions et remontées", exchange_personal_data)
"""

from collections.abc import Callable

_sources: dict[str, Callable] = {}


def register(heading: str, function: Callable) -> None:
    _sources[heading] = function


def unregister(heading: str) -> None:
    _sources.pop(heading, None)


def collect(user) -> dict:
    """{heading: what the app keeps about `user`} for every registered app."""
    return {heading: function(user) for heading, function in sorted(_sources.items())}
