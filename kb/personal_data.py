"""What each app keeps about a person, gathered for « Mon profil » and its JSON download.

The directory app shows and exports a person's data; other apps register, from their
`AppConfig.ready`, a function returning theirs (a dict of French labels), under a French
heading:

    personal_data.register("abonnements", follows.services.personal_data)

Deleting the account deletes what apps keep by their foreign keys to it (on_delete=CASCADE).
"""

from collections.abc import Callable

_providers: dict[str, Callable[[object], dict]] = {}


def register(heading: str, provider: Callable[[object], dict]) -> None:
    _providers[heading] = provider


def unregister(heading: str) -> None:
    _providers.pop(heading, None)


def collect(user) -> dict[str, dict]:
    """{heading: data} from every registered app, in the order they registered."""
    return {heading: provider(user) for heading, provider in _providers.items()}
