"""Writes: follow and stop, saved searches, frequencies, one-click unsubscribe, feed tokens,
visits; and a member's personal data here (RGPD)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone

from follows.models import FeedToken, Follow, Frequency, SavedSearch, Visit, new_feed_key
from follows.selectors import follow_label, saved_search_summary, targets_of
from kb import activity
from kb.permissions import is_member

UNSUBSCRIBE_SALT = "follows.unsubscribe"
MAX_FOLLOWS = 500
MAX_SAVED_SEARCHES = 100


class FollowError(Exception):
    """A follow or saved search that cannot be made; the message is French, for the member."""


def follow_add(*, user, kind: str, key: str, frequency: str = Frequency.DAILY) -> Follow:
    """Follow one thing declared in kb.activity; following it again changes nothing."""
    followable = activity.followable(kind)
    if followable is None or not activity.describe(kind, [key]):
        raise FollowError("Ce contenu n'existe pas ou ne peut pas être suivi.")
    if followable.members_only and not is_member(user):
        raise FollowError("Seuls les membres de la communauté peuvent suivre ce contenu.")
    existing = Follow.objects.filter(user=user, kind=kind, key=key).first()
    if existing is not None:
        return existing
    if Follow.objects.filter(user=user).count() >= MAX_FOLLOWS:
        raise FollowError(f"Vous suivez déjà {MAX_FOLLOWS} contenus : arrêtez-en un d'abord.")
    follow, _ = Follow.objects.get_or_create(
        user=user, kind=kind, key=key, defaults={"frequency": frequency}
    )
    return follow


def follow_remove(*, follow: Follow) -> None:
    follow.delete()


def _set_frequency(subscription, frequency: str) -> None:
    if subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.since = timezone.now()  # its new digest starts from now
        subscription.save(update_fields=["frequency", "since"])


def follow_set_frequency(*, follow: Follow, frequency: str) -> Follow:
    _set_frequency(follow, frequency)
    return follow


def saved_search_create(
    *, user, name: str, text: str, filters: dict, frequency: str = Frequency.DAILY
) -> SavedSearch:
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise FollowError(
            f"Vous avez déjà {MAX_SAVED_SEARCHES} alertes : supprimez-en une d'abord."
        )
    return SavedSearch.objects.create(
        user=user,
        name=name,
        text=text,
        filters={name: list(values) for name, values in filters.items() if values},
        frequency=frequency,
    )


def saved_search_update(*, search: SavedSearch, name: str, frequency: str) -> SavedSearch:
    if search.name != name:
        search.name = name
        search.save(update_fields=["name"])
    _set_frequency(search, frequency)
    return search


def saved_search_delete(*, search: SavedSearch) -> None:
    search.delete()


# -- one-click unsubscribe (RFC 8058) ------------------------------------------------------


class _IssuedSigner(signing.TimestampSigner):
    """Dated at `issued`, not at the moment of signing: an e-mail's header and body, written
    at different seconds, carry the same link."""

    def __init__(self, issued: datetime.datetime, **kwargs):
        super().__init__(**kwargs)
        self.issued = issued

    def timestamp(self) -> str:
        return signing.b62_encode(int(self.issued.timestamp()))


def unsubscribe_token(*, user, frequency: str, issued: datetime.datetime | None = None) -> str:
    """A link valid UNSUBSCRIBE_DAYS from `issued` (a digest's period end; now by default)."""
    data = {"u": user.pk, "f": frequency}
    if issued is None:
        return signing.dumps(data, salt=UNSUBSCRIBE_SALT)
    return _IssuedSigner(issued, salt=UNSUBSCRIBE_SALT).sign_object(data)


class UnsubscribeInvalid(Exception):
    """`expired`: the link was genuine but is too old."""

    def __init__(self, *, expired: bool = False):
        super().__init__()
        self.expired = expired


def unsubscribe_read(token: str):
    """(user, frequency) of a genuine, unexpired link; UnsubscribeInvalid otherwise."""
    try:
        data = signing.loads(
            token, salt=UNSUBSCRIBE_SALT, max_age=settings.UNSUBSCRIBE_DAYS * 24 * 3600
        )
    except signing.SignatureExpired as error:
        raise UnsubscribeInvalid(expired=True) from error
    except signing.BadSignature as error:
        raise UnsubscribeInvalid from error
    if not isinstance(data, dict) or data.get("f") not in Frequency.values:
        raise UnsubscribeInvalid
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None:
        raise UnsubscribeInvalid
    return user, data["f"]


@transaction.atomic
def unsubscribe(*, user, frequency: str) -> int:
    """No more e-mails of this frequency: its follows and alerts stay (feeds, home page) but
    send nothing. Returns how many were changed."""
    now = timezone.now()
    changed = Follow.objects.filter(user=user, frequency=frequency).update(
        frequency=Frequency.NONE, since=now
    )
    changed += SavedSearch.objects.filter(user=user, frequency=frequency).update(
        frequency=Frequency.NONE, since=now
    )
    return changed


# -- feeds and visits ----------------------------------------------------------------------


def feed_token_get(*, user) -> FeedToken:
    token, _ = FeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def feed_token_reset(*, user) -> FeedToken:
    """A new secret: every feed address given before stops working at once."""
    token, created = FeedToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.key = new_feed_key()
        token.created_at = timezone.now()
        token.save(update_fields=["key", "created_at"])
    return token


def visit_record(*, user) -> None:
    """At sign-in: the visit before this one is where « Nouveau depuis… » starts."""
    now = timezone.now()
    visit, created = Visit.objects.get_or_create(user=user, defaults={"current_at": now})
    if not created:
        visit.previous_at = visit.current_at
        visit.current_at = now
        visit.save(update_fields=["previous_at", "current_at"])


# -- personal data (RGPD) ------------------------------------------------------------------


def personal_data(user) -> dict:
    """Everything this app keeps about a person, for « Mon profil » and its JSON download."""
    follows = list(Follow.objects.filter(user=user))
    targets = targets_of(follows)
    return {
        "suivis": [
            {
                "contenu": follow_label(follow, targets),
                "type": follow.kind,
                "clé": follow.key,
                "fréquence": follow.get_frequency_display(),
                "depuis": timezone.localtime(follow.created_at).isoformat(),
            }
            for follow in follows
        ],
        "alertes": [
            {
                "nom": search.name,
                "recherche": saved_search_summary(search),
                "texte": search.text,
                "filtres": search.filters,
                "fréquence": search.get_frequency_display(),
                "créée le": timezone.localtime(search.created_at).isoformat(),
            }
            for search in SavedSearch.objects.filter(user=user)
        ],
        "flux Atom": "adresse secrète créée"
        if FeedToken.objects.filter(user=user).exists()
        else "aucun",
    }
