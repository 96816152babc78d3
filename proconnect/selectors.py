"""Reads: identities, access requests, and what the person must be asked next."""

from django.db.models import QuerySet

from directory.selectors import invitation_find_usable_for_email
from proconnect.models import AccessRequest, ProConnectIdentity


def identity_list_for_user(*, user) -> QuerySet[ProConnectIdentity]:
    return ProConnectIdentity.objects.filter(user=user)


def access_request_list_pending() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(status=AccessRequest.PENDING).select_related("territory")


def access_request_list_decided(*, limit: int = 20) -> QuerySet[AccessRequest]:
    return (
        AccessRequest.objects.exclude(status=AccessRequest.PENDING)
        .select_related("territory", "decided_by")
        .order_by("-decided_at")[:limit]
    )


def access_request_latest(*, email: str) -> AccessRequest | None:
    return AccessRequest.objects.filter(email__iexact=email).order_by("-created_at").first()


def invitation_pending(*, email: str):
    """The directory's usable invitation for `email`, if any."""
    return invitation_find_usable_for_email(email=email)


def personal_data(user) -> dict:
    """What this app keeps about `user` (« Mon profil » and its JSON download)."""
    return {
        "identités liées": [
            {
                "identifiant ProConnect (sub)": identity.sub,
                "courriel transmis": identity.email,
                "fournisseur d'identité": identity.idp_id,
                "SIRET": identity.siret,
                "organisation": identity.organisation,
                "liée le": identity.linked_at.isoformat(),
                "dernière connexion": identity.last_login_at.isoformat(),
            }
            for identity in ProConnectIdentity.objects.filter(user=user)
        ],
        "demandes d'accès": [
            {
                "date": request.created_at.isoformat(),
                "état": request.get_status_display(),
                "SIRET": request.siret,
                "organisation": request.organisation,
            }
            for request in AccessRequest.objects.filter(email__iexact=user.email)
            if user.email
        ],
    }
