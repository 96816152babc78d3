"""What members can follow, and what is new for what they follow: declared here by every app.

An app registers, from its `AppConfig.ready` (its plugins.py):

- a `Followable`: a kind of thing a member follows (« axis », « territory », « tag »,
  « fiche », « question »…), named by a key (a slug, a tag name, a primary key as text),
  and how to show the followed things (`describe`: their titles and addresses);
- a `Source`: the items that became new in a time window (a fiche published, a recording, an
  answer, a remontée changing state…), each saying which followed things it `concerns`.

The follows app reads these registries to write digests, feeds and the home page's « Nouveau
depuis votre dernière visite »; it never imports the apps. Audience: an item marked
`members_only` reaches members only (`visible_to`). An app that creates something new outside
Wagtail's publishing (an answer, a state change) calls `announce()` after its transaction
commits, so that members who follow it at once hear of it without waiting for the clock.

    activity.register_followable(activity.Followable(
        "question", "la question", describe=question_targets, members_only=True))
    activity.register_source(activity.Source(
        "answers", "Réponses", answers_between, order=50))

    def answers_between(since, until):
        for answer in Answer.objects.filter(created_at__gt=since, created_at__lte=until):
            yield activity.Item(
                key=f"answer:{answer.pk}", source="answers", title=…, url=answer.get_absolute_url(),
                date=answer.created_at, members_only=True,
                concerns=frozenset({("question", str(answer.question_id))}),
                document=(Question, answer.question_id))
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models

from kb.permissions import is_member

Concern = tuple[str, str]  # (followable kind, key)


@dataclass(frozen=True)
class Target:
    """A followed thing as members see it: its title and the address of its page."""

    title: str
    url: str


@dataclass(frozen=True)
class Followable:
    kind: str
    label: str  # the noun with its article, as in « Suivre l'axe … »: "l'axe", "le territoire"
    # keys → {key: Target} for those that exist (a deleted thing is left out)
    describe: Callable[[Iterable[str]], dict[str, Target]]
    members_only: bool = False  # only members may follow it (questions)


@dataclass(frozen=True)
class Item:
    """Something new. `key` names it once and for all: a digest or a feed never shows one key
    twice. `url` is the path on the site; `date` is when it became new (aware datetime)."""

    key: str
    source: str  # the name of the Source that gave it (its heading in digests)
    title: str
    url: str
    date: datetime.datetime
    concerns: frozenset[Concern] = frozenset()
    summary: str = ""
    members_only: bool = False
    # (model, pk) of the object whose search document shows it: saved searches match it.
    document: tuple[type[models.Model], object] | None = None
    label: str = ""  # what happened, when the source's heading is not enough (« mise à jour »)
    # Accounts that already know of it (its author; whom the app told by its own e-mail):
    # digests and « Nouveau depuis votre dernière visite » leave it out for them, feeds keep it.
    known_to: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Source:
    name: str
    label: str  # the heading of its items in a digest: "Fiches pratiques"
    # (since, until) → the items whose date is in (since, until]
    items: Callable[[datetime.datetime, datetime.datetime], Iterable[Item]]
    order: int = 100


_followables: dict[str, Followable] = {}
_sources: dict[str, Source] = {}
_announcers: list[Callable[[], None]] = []


def register_followable(followable: Followable) -> None:
    """Let members follow this kind of thing (again: replaced)."""
    _followables[followable.kind] = followable


def register_source(source: Source) -> None:
    """Add a source of new items (again: replaced)."""
    _sources[source.name] = source


def unregister_source(name: str) -> None:
    _sources.pop(name, None)


def unregister_followable(kind: str) -> None:
    _followables.pop(kind, None)


def followable(kind: str) -> Followable | None:
    return _followables.get(kind)


def followables() -> list[Followable]:
    return list(_followables.values())


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.name))


def source_label(name: str) -> str:
    source = _sources.get(name)
    return source.label if source is not None else name


def describe(kind: str, keys: Iterable[str]) -> dict[str, Target]:
    found = _followables.get(kind)
    return found.describe(list(keys)) if found is not None else {}


def items_between(since: datetime.datetime, until: datetime.datetime) -> list[Item]:
    """Every registered source's items dated in (since, until], newest first."""
    items = [item for source in sources() for item in source.items(since, until)]
    items.sort(key=lambda item: (item.date, item.key), reverse=True)
    return items


def visible_to(items: Iterable[Item], *, members: bool) -> list[Item]:
    """The items an audience may see: members-only ones for members only."""
    return [item for item in items if members or not item.members_only]


def items_for(
    kind: str, key: str, *, since: datetime.datetime, until: datetime.datetime, user
) -> list[Item]:
    """What is new for one followed thing in (since, until], as `user` may see it."""
    concern = (kind, str(key))
    return visible_to(
        (item for item in items_between(since, until) if concern in item.concerns),
        members=is_member(user),
    )


# -- announcing new activity --------------------------------------------------------------


def connect_announcer(announcer: Callable[[], None]) -> None:
    """Called by the app that sends digests (follows), once."""
    if announcer not in _announcers:
        _announcers.append(announcer)


def announce() -> None:
    """Something new exists (call it after commit): immediate followers hear of it soon."""
    for announcer in _announcers:
        announcer()


def concerns_of(
    *,
    axis: str | None = None,
    territories: Iterable[str] = (),
    tags: Iterable[str] = (),
    **others: Iterable[str],
) -> frozenset[Concern]:
    """The usual concerns of a piece of content: its axis, territories and tags (+ others)."""
    pairs = {("axis", axis)} if axis else set()
    pairs |= {("territory", slug) for slug in territories}
    pairs |= {("tag", name) for name in tags}
    for kind, keys in others.items():
        pairs |= {(kind, str(key)) for key in keys}
    return frozenset(pairs)
