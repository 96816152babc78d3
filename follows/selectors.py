"""Reads: a member's follows and saved searches, what is new for them, their feed items."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from follows.models import FeedToken, Follow, Frequency, SavedSearch, Visit
from kb import activity
from kb.permissions import MEMBER_GROUPS
from search import service
from search.documents import keys_for
from search.engines.base import SearchQuery
from search.facets import facets
from search.text import clean_query


def follow_list(*, user) -> list[Follow]:
    return list(Follow.objects.filter(user=user).order_by("kind", "key"))


def follow_get(*, user, pk: int) -> Follow | None:
    return Follow.objects.filter(user=user, pk=pk).first()


SESSION_KEY = "tznr_follows"


def follow_keys(*, user) -> list[str]:
    return [
        f"{kind}:{key}" for kind, key in Follow.objects.filter(user=user).values_list("kind", "key")
    ]


def is_following(request, *, kind: str, key: str) -> bool:
    """Whether the signed-in visitor follows this, for the « Suivre » buttons: read once per
    session (the session row is read and saved on every request anyway), refreshed by every
    change made through this site's follow views and by « Mes abonnements »."""
    keys = request.session.get(SESSION_KEY)
    if keys is None:
        keys = request.session[SESSION_KEY] = follow_keys(user=request.user)
    return f"{kind}:{key}" in keys


def follow_find(*, user, kind: str, key: str) -> Follow | None:
    if not user.is_authenticated:
        return None
    return Follow.objects.filter(user=user, kind=kind, key=key).first()


def saved_search_list(*, user) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user))


def saved_search_get(*, user, pk: int) -> SavedSearch | None:
    return SavedSearch.objects.filter(user=user, pk=pk).first()


def feed_token_find(*, key: str) -> FeedToken | None:
    return FeedToken.objects.select_related("user").filter(key=key).first()


def visit_previous(*, user) -> datetime.datetime | None:
    return Visit.objects.filter(user=user).values_list("previous_at", flat=True).first()


def member_ids(user_ids: Iterable[int]) -> set[int]:
    """Which of these accounts are active community members (kb.permissions' rule, in bulk)."""
    return set(
        get_user_model()
        .objects.filter(pk__in=list(user_ids), is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=MEMBER_GROUPS))
        .values_list("pk", flat=True)
        .distinct()
    )


def subscribers(frequency: str) -> QuerySet:
    """Accounts with at least one follow or saved search at this frequency."""
    return (
        get_user_model()
        .objects.filter(Q(follows__frequency=frequency) | Q(saved_searches__frequency=frequency))
        .distinct()
    )


# -- follows described --------------------------------------------------------------------


def targets_of(follows: Iterable[Follow]) -> dict[tuple[str, str], activity.Target]:
    """The followed things' titles and pages, one query per kind."""
    keys = defaultdict(set)
    for follow in follows:
        keys[follow.kind].add(follow.key)
    return {
        (kind, key): target
        for kind, kind_keys in keys.items()
        for key, target in activity.describe(kind, kind_keys).items()
    }


def follow_label(follow: Follow, targets: dict) -> str:
    """« l'axe Aller-vers », « le territoire Lyon »…"""
    followable = activity.followable(follow.kind)
    target = targets.get((follow.kind, follow.key))
    title = target.title if target is not None else follow.key
    return f"{followable.label} {title}" if followable is not None else title


def saved_search_summary(search: SavedSearch) -> str:
    """« "aller vers" ; Axe de travail : aller-vers, numerique »."""
    parts = [f"« {search.text} »"] if search.text else []
    known = facets()
    for name, values in sorted(search.filters.items()):
        if values and name in known:
            parts.append(f"{known[name].label} : {', '.join(values)}")
    return " ; ".join(parts) or "tout le contenu"


# -- what is new for a member -------------------------------------------------------------


@dataclass
class Chosen:
    item: activity.Item
    reasons: list[str] = field(default_factory=list)


def by_concern(items: Iterable[activity.Item]) -> dict[tuple[str, str], list[activity.Item]]:
    index = defaultdict(list)
    for item in items:
        for concern in item.concerns:
            index[concern].append(item)
    return index


def document_key(item: activity.Item) -> str | None:
    if item.document is None:
        return None
    model, pk = item.document
    return keys_for(model, [pk])[0]


class SearchMatcher:
    """Runs saved searches over candidate items through search.service, with the member's
    audience; the same search over the same candidates is asked once."""

    def __init__(self):
        self._answers: dict[tuple, list[str]] = {}

    def matches(
        self, search: SavedSearch, candidates: list[activity.Item], *, members: bool
    ) -> list[activity.Item]:
        keyed = {}
        for item in candidates:
            key = document_key(item)
            if key is not None:
                keyed.setdefault(key, item)
        if not keyed:
            return []
        filters = {
            name: tuple(str(value) for value in values)
            for name, values in sorted((search.filters or {}).items())
            if values and name in facets()
        }
        question = (search.text, tuple(filters.items()), members, frozenset(keyed))
        if question not in self._answers:
            results = service.search(
                SearchQuery(
                    text=clean_query(search.text),
                    filters=filters,
                    sort="date",
                    members=members,
                    within=frozenset(keyed),
                )
            )
            self._answers[question] = [hit.key for hit in results.hits]
        return [keyed[key] for key in self._answers[question] if key in keyed]


def new_items_for(
    *,
    since: datetime.datetime,
    follows: Iterable[Follow],
    searches: Iterable[SavedSearch],
    members: bool,
    items: list[activity.Item],
    concerned: dict[tuple[str, str], list[activity.Item]],
    targets: dict[tuple[str, str], activity.Target],
    matcher: SearchMatcher,
    from_subscription: bool = True,
    user_id: int | None = None,
) -> list[Chosen]:
    """What a member gets: items about what they follow and those matching their saved
    searches, each once, dated after `since` (and, for digests, after the subscription took
    its frequency: `from_subscription`), as their audience may see them, leaving out what
    `user_id` already knows (`Item.known_to`); newest first."""
    chosen: dict[str, Chosen] = {}
    for follow in follows:
        start = max(since, follow.since) if from_subscription else since
        for item in concerned.get((follow.kind, follow.key), ()):
            if (
                item.date > start
                and (members or not item.members_only)
                and user_id not in item.known_to
            ):
                chosen.setdefault(item.key, Chosen(item)).reasons.append(
                    follow_label(follow, targets)
                )
    for search in searches:
        start = max(since, search.since) if from_subscription else since
        candidates = [
            item
            for item in items
            if item.date > start and (members or not item.members_only) and item.document
        ]
        for item in matcher.matches(search, candidates, members=members):
            if user_id in item.known_to:  # after matching: the same search is asked once
                continue
            chosen.setdefault(item.key, Chosen(item)).reasons.append(f"l'alerte « {search.name} »")
    return sorted(chosen.values(), key=lambda c: (c.item.date, c.item.key), reverse=True)


def news_for(*, user, since: datetime.datetime, until: datetime.datetime, members: bool):
    """The member's news in (since, until], from all their follows and saved searches."""
    follows = list(Follow.objects.filter(user=user))
    searches = list(SavedSearch.objects.filter(user=user))
    if not follows and not searches:
        return []
    items = activity.items_between(since, until)
    return new_items_for(
        since=since,
        follows=follows,
        searches=searches,
        members=members,
        items=items,
        concerned=by_concern(items),
        targets=targets_of(follows),
        matcher=SearchMatcher(),
        from_subscription=False,
        user_id=user.pk,
    )


def feed_items(
    *, subscription, since: datetime.datetime, until: datetime.datetime, members: bool
) -> list[Chosen]:
    """The items of one follow or one saved search, for its Atom feed."""
    items = activity.items_between(since, until)
    is_follow = isinstance(subscription, Follow)
    return new_items_for(
        since=since,
        follows=[subscription] if is_follow else [],
        searches=[] if is_follow else [subscription],
        members=members,
        items=items,
        concerned=by_concern(items),
        targets=targets_of([subscription] if is_follow else []),
        matcher=SearchMatcher(),
        from_subscription=False,
    )


def frequency_label(frequency: str) -> str:
    return Frequency(frequency).label
