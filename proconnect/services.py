"""Writes: linking ProConnect identities to accounts, access requests and their decisions."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from directory import services as directory_services
from kb.models import Territory
from proconnect.claims import ProConnectClaims
from proconnect.errors import AmbiguousAccount, InactiveAccount, UnknownPerson
from proconnect.models import AccessRequest, ProConnectIdentity


@transaction.atomic
def user_for_claims(*, claims: ProConnectClaims):
    """The account ProConnect's claims designate, its identity linked or refreshed.

    An identity already linked answers by its `sub`; otherwise the account whose e-mail (or
    login, which invitations set to the e-mail) is the one ProConnect vouches for. Nobody:
    UnknownPerson (the person may accept a pending invitation or ask for access)."""
    identity = ProConnectIdentity.objects.select_related("user").filter(sub=claims.sub).first()
    if identity is not None:
        user = identity.user
    else:
        User = get_user_model()
        users = list(
            User.objects.filter(
                Q(email__iexact=claims.email) | Q(username__iexact=claims.email)
            ).distinct()[:2]
        )
        if len(users) > 1:
            raise AmbiguousAccount
        if not users:
            raise UnknownPerson(claims)
        user = users[0]
    if not user.is_active:
        raise InactiveAccount
    identity_link(user=user, claims=claims)
    return user


def identity_link(*, user, claims: ProConnectClaims) -> ProConnectIdentity:
    """Link (or refresh) the identity `claims.sub` to `user`, with what ProConnect said."""
    now = timezone.now()
    identity, _ = ProConnectIdentity.objects.update_or_create(
        sub=claims.sub,
        defaults={
            "user": user,
            "email": claims.email,
            "idp_id": claims.idp_id,
            "siret": claims.siret,
            "organisation": claims.organisation,
            "last_login_at": now,
        },
        create_defaults={
            "user": user,
            "email": claims.email,
            "idp_id": claims.idp_id,
            "siret": claims.siret,
            "organisation": claims.organisation,
            "linked_at": now,
            "last_login_at": now,
        },
    )
    return identity


@transaction.atomic
def invitation_accept(*, claims: ProConnectClaims, data: dict):
    """Accept the pending invitation of ProConnect's e-mail with the person's entry (the
    directory's InvitationEntryForm): the account is created and the identity linked. None
    when the invitation is no longer usable."""
    user = directory_services.invitation_accept_verified(email=claims.email, data=data)
    if user is not None:
        identity_link(user=user, claims=claims)
    return user


def _retention_limit() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=settings.TZNR_AUDIT_RETENTION_DAYS)


@transaction.atomic
def access_request_submit(
    *, claims: ProConnectClaims, territory: Territory, message: str
) -> AccessRequest:
    """Store (or update: one pending request per address) the person's request to join.

    Requests decided, or left pending, longer than TZNR_AUDIT_RETENTION_DAYS are purged
    meanwhile: they hold personal data and serve no longer."""
    AccessRequest.objects.filter(created_at__lt=_retention_limit()).delete()
    fields = {
        "given_name": claims.given_name,
        "usual_name": claims.usual_name,
        "siret": claims.siret,
        "organisation": claims.organisation,
        "sub": claims.sub,
        "idp_id": claims.idp_id,
        "territory": territory,
        "message": message,
        "created_at": timezone.now(),
    }
    pending = (
        AccessRequest.objects.select_for_update()
        .filter(email__iexact=claims.email, status=AccessRequest.PENDING)
        .first()
    )
    if pending is None:
        return AccessRequest.objects.create(email=claims.email, **fields)
    for name, value in fields.items():
        setattr(pending, name, value)
    pending.save()
    return pending


class AlreadyDecided(Exception):
    pass


@transaction.atomic
def access_request_accept(
    *, access_request: AccessRequest, territory: Territory, decided_by, base_url: str
) -> bool:
    """Accept: an invitation for the territory goes out through the directory (the person
    then signs in with ProConnect, or follows the e-mailed link). False when the address
    already has an account (nothing is sent; the request is accepted all the same)."""
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if access_request.status != AccessRequest.PENDING:
        raise AlreadyDecided
    invited, _ = directory_services.invitation_send(
        emails=[access_request.email],
        territory=territory,
        invited_by=decided_by,
        base_url=base_url,
    )
    _decide(access_request, AccessRequest.ACCEPTED, decided_by, territory=territory)
    return bool(invited)


@transaction.atomic
def access_request_refuse(*, access_request: AccessRequest, decided_by) -> None:
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if access_request.status != AccessRequest.PENDING:
        raise AlreadyDecided
    _decide(access_request, AccessRequest.REFUSED, decided_by)


def _decide(access_request: AccessRequest, status: str, decided_by, **changes) -> None:
    access_request.status = status
    access_request.decided_by = decided_by
    access_request.decided_at = timezone.now()
    for name, value in changes.items():
        setattr(access_request, name, value)
    access_request.save()
