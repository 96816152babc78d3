"""What follows adds to other pages (FollowsConfig.ready): « Suivre » beside followable
things, « Créer une alerte » on the search page, « Nouveau depuis votre dernière visite » on
the home page, the subscriptions in « Mon profil » and its JSON download."""

import datetime

from django.utils import timezone

from follows import selectors, services
from kb import activity, personal_data, sections
from kb.permissions import is_member

HOME_ITEMS = 8
HOME_DAYS = 30  # « Nouveau depuis… » looks back this far at most


def follow_control(*, request, kind: str, key: str, title: str = "") -> dict | None:
    followable = activity.followable(kind)
    if followable is None or not key:
        return None
    user = request.user
    if followable.members_only and not is_member(user):
        return None
    return {
        "kind": kind,
        "key": key,
        "label": f"{followable.label} {title}".strip(),
        "signed_in": user.is_authenticated,
        "follow": user.is_authenticated and selectors.is_following(request, kind=kind, key=key),
        "next": request.get_full_path(),
    }


def search_alert(*, request, query) -> dict:
    """« Créer une alerte » for the current search; « Suivre » a tag searched alone."""
    tags = query.filters.get("tag", ())
    tag = tags[0] if len(tags) == 1 else ""
    return {
        "signed_in": request.user.is_authenticated,
        "params": request.GET.urlencode(),
        "next": request.get_full_path(),
        "tag": tag,
    }


def news_since_last_visit(*, request, page) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    now = timezone.now()
    floor = now - datetime.timedelta(days=HOME_DAYS)
    previous = selectors.visit_previous(user=user)
    since = max(previous, floor) if previous else floor
    news = selectors.news_for(user=user, since=since, until=now, members=is_member(user))
    return {
        "previous": previous,
        "news": news[:HOME_ITEMS],
        "more": max(0, len(news) - HOME_ITEMS),
        "has_follows": bool(news) or selectors.follow_list(user=user) != [],
    }


def profile_subscriptions(*, request, user) -> dict:
    follows = selectors.follow_list(user=user)
    targets = selectors.targets_of(follows)
    return {
        "follows": [
            (selectors.follow_label(follow, targets), follow.get_frequency_display())
            for follow in follows
        ],
        "searches": selectors.saved_search_list(user=user),
    }


def register() -> None:
    sections.register(
        sections.FOLLOW, sections.Section("follow", "follows/sections/follow.html", follow_control)
    )
    sections.register(
        sections.SEARCH,
        sections.Section("alert", "follows/sections/search_alert.html", search_alert),
    )
    sections.register(
        sections.HOME,
        sections.Section("news", "follows/sections/news.html", news_since_last_visit, order=5),
    )
    sections.register(
        sections.PROFILE,
        sections.Section("subscriptions", "follows/sections/profile.html", profile_subscriptions),
    )
    personal_data.register("abonnements", services.personal_data)
