"""What each app keeps about a person, gathered for « Mon profil » and its JSON download.

The directory app shows and exports a person's data; other apps register, from their
`AppConfig.ready`, a function that returns what they keep about a user (JSON-serialisable),
under the heading the person reads:

    personal_data.register("questions et remontées", exchange_personal_data)

Deleting the account deletes what apps keep by their foreign keys to it (on_delete=CASCADE).
"""

from collections.abc import Callable

_sources: dict[str, Callable] = {}


def register(heading: str, function: Callable) -> None:
    _sources[heading] = function


def unregister(heading: str) -> None:
    _sources.pop(heading, None)


def collect(user) -> dict:
    """{heading: what the app keeps about `user`} for every registered app, by heading."""
    return {heading: function(user) for heading, function in sorted(_sources.items())}
