"""Writes on the directory, invitations and accounts, and their personal data (RGPD)."""

import csv
import datetime
import io
import logging

import vobject
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from directory import tasks
from directory.models import Coordinator, DirectoryExport, Invitation, confirmation_hide_date
from kb import personal_data, searchable
from kb.models import FichePage, Territory

logger = logging.getLogger(__name__)

EXPORT_COLUMNS = [
    ("name", "Nom"),
    ("role", "Fonction"),
    ("territory", "Territoire"),
    ("region", "Région"),
    ("organisation", "Structure"),
    ("email", "Courriel"),
    ("phone", "Téléphone"),
    ("axes", "Axes"),
    ("publics", "Publics"),
]


def _visible_row(coordinator: Coordinator) -> dict[str, str]:
    return {
        "name": coordinator.name,
        "role": coordinator.role,
        "territory": coordinator.territory.name,
        "region": coordinator.territory.region,
        "organisation": coordinator.visible_value("organisation"),
        "email": coordinator.visible_value("email"),
        "phone": coordinator.visible_value("phone"),
        "axes": ", ".join(a.name for a in coordinator.visible_value("axes")),
        "publics": ", ".join(p.name for p in coordinator.visible_value("publics")),
    }


@transaction.atomic
def coordinator_export_csv(*, coordinators: QuerySet[Coordinator], user, filters: dict) -> str:
    """The filtered directory as CSV (only the fields each person shows), logged for audit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([label for _, label in EXPORT_COLUMNS])
    rows = 0
    for coordinator in coordinators:
        row = _visible_row(coordinator)
        writer.writerow([_csv_safe(row[key]) for key, _ in EXPORT_COLUMNS])
        rows += 1
    DirectoryExport.objects.create(
        user=user, username=user.get_username(), filters=filters, row_count=rows
    )
    # The log keeps TZNR_AUDIT_RETENTION_DAYS, even where the daily command is not scheduled.
    DirectoryExport.objects.filter(created_at__lt=_retention_limit()).delete()
    return "\ufeff" + buffer.getvalue()


def _retention_limit(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.TZNR_AUDIT_RETENTION_DAYS)


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def coordinator_vcard(*, coordinator: Coordinator) -> str:
    """A vCard 3.0. A person's N holds family and given names; an entry that names a role
    (« Coordination TZNR — … ») is an organisation card (Apple's X-ABShowAs:COMPANY, read
    by most address books), with an empty N, so that nobody is greeted « Bonjour
    Coordination »; its ORG is the structure, then the role's label."""
    card = vobject.vCard()
    card.add("fn").value = coordinator.name
    organisation = coordinator.visible_value("organisation")
    if coordinator.is_person:
        card.add("n").value = vobject.vcard.Name(
            family=coordinator.family_name, given=coordinator.given_name
        )
        if organisation:
            card.add("org").value = [organisation]
    else:
        card.add("n").value = vobject.vcard.Name()
        card.add("org").value = (
            [organisation, coordinator.name] if organisation else [coordinator.name]
        )
        card.add("x-abshowas").value = "COMPANY"
    card.add("title").value = coordinator.role
    email = coordinator.visible_value("email")
    if email:
        mail = card.add("email")
        mail.value = email
        mail.type_param = "WORK"
    phone = coordinator.visible_value("phone")
    if phone:
        tel = card.add("tel")
        tel.value = phone
        tel.type_param = "WORK"
    card.add("note").value = f"Territoire zéro non-recours : {coordinator.territory.name}"
    return card.serialize()


def coordinator_confirm(*, coordinator: Coordinator) -> None:
    coordinator.last_confirmed = timezone.localdate()
    coordinator.save(update_fields=["last_confirmed"])


@transaction.atomic
def coordinator_save_profile(*, coordinator: Coordinator, form) -> Coordinator:
    """Save the member's corrections; saving also confirms the entry."""
    coordinator = form.save(commit=False)
    coordinator.last_confirmed = timezone.localdate()
    coordinator.save()
    form.save_m2m()
    return coordinator


def scrub_revisions(coordinator_pk: int) -> int:
    """Remove the entry from stored page revisions (fiche contacts), so no revision keeps it."""
    scrubbed = 0
    revisions = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(FichePage)
    ).only("pk", "content")
    for revision in revisions.iterator():
        contacts = revision.content.get("contacts") or []
        if coordinator_pk in contacts:
            revision.content["contacts"] = [pk for pk in contacts if pk != coordinator_pk]
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)
            scrubbed += 1
    return scrubbed


def coordinator_delete(*, coordinator: Coordinator) -> None:
    """Really delete an entry: the row, its traces in revisions and logs, both search indexes."""
    pk = coordinator.pk
    with transaction.atomic():
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Coordinator), object_id=str(pk)
        ).delete()
        coordinator.delete()
    # At once, not through the task queue: the entry leaves both engines now (or is queued
    # for Elasticsearch by search when it is down).
    searchable.forget_object(coordinator, at_once=True)


def user_personal_data(*, user) -> dict:
    """Everything stored about a person, as shown on « Mon profil » and downloaded as JSON."""
    data = {
        "compte": {
            "identifiant": user.get_username(),
            "courriel": user.email,
            "prénom": user.first_name,
            "nom": user.last_name,
            "groupes": sorted(user.groups.values_list("name", flat=True)),
            "inscrit le": user.date_joined.isoformat(),
            "dernière connexion": user.last_login.isoformat() if user.last_login else None,
        },
        "annuaire": None,
        "exports de l'annuaire réalisés": [
            {"date": log.created_at.isoformat(), "filtres": log.filters, "lignes": log.row_count}
            for log in DirectoryExport.objects.filter(user=user)
        ],
    }
    data["connexions (12 derniers mois)"] = [
        {
            "date": log.attempt_time.isoformat(),
            "adresse IP": log.ip_address,
            "navigateur": log.user_agent,
        }
        for log in AccessLog.objects.filter(username=user.get_username())[:100]
    ]
    coordinator = Coordinator.objects.filter(user=user).first()
    if coordinator is not None:
        data["annuaire"] = {
            "prénom": coordinator.given_name,
            "nom de famille": coordinator.family_name,
            "nom affiché": coordinator.name,
            "fonction": coordinator.role,
            "territoire": coordinator.territory.name,
            "structure": coordinator.organisation,
            "courriel professionnel": coordinator.email,
            "téléphone professionnel": coordinator.phone,
            "axes d'expertise": [a.name for a in coordinator.axes.all()],
            "publics": [p.name for p in coordinator.publics.all()],
            "champs visibles des membres": {
                "structure": coordinator.show_organisation,
                "courriel": coordinator.show_email,
                "téléphone": coordinator.show_phone,
                "axes et publics": coordinator.show_expertise,
            },
            "date du consentement": coordinator.consent_date.isoformat(),
            "portée du consentement": coordinator.consent_scope,
            "dernière confirmation": coordinator.last_confirmed.isoformat(),
        }
    data.update(personal_data.collect(user))  # what other apps keep (kb.personal_data)
    return data


def invitation_send(*, emails: list[str], territory: Territory, invited_by, base_url: str):
    """Invite each address; returns (invited, skipped: already have an account)."""
    invited, skipped = [], []
    for email in emails:
        if User.objects.filter(email__iexact=email).exists():
            skipped.append(email)
            continue
        invitation, token = Invitation.create(
            email=email, territory=territory, invited_by=invited_by
        )
        link = f"{base_url.rstrip('/')}/invitation/{token}/"
        # The link carries the token, known only now (only its hash is stored): the task
        # gets it as an argument (task rows are pruned daily, README « Tâches de fond »).
        tasks.send_invitation.enqueue(invitation.pk, link)
        invited.append(email)
    return invited, skipped


class InvitationUnusable(Exception):
    pass


@transaction.atomic
def invitation_accept(*, token: str, data: dict) -> User:
    """Create the account and the directory entry; the invitation then never works again."""
    invitation = Invitation.find_usable(token)
    if invitation is None:
        raise InvitationUnusable
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise InvitationUnusable
    if User.objects.filter(username__iexact=invitation.email).exists():
        raise InvitationUnusable
    user = User.objects.create_user(
        username=invitation.email, email=invitation.email, password=data["password1"]
    )
    user.groups.add(Group.objects.get(name="Membre"))
    _entry_create(user=user, invitation=invitation, data=data)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def _entry_create(*, user: User, invitation: Invitation, data: dict) -> Coordinator:
    today = timezone.localdate()
    return Coordinator.objects.create(
        user=user,
        territory=invitation.territory,
        given_name=data["given_name"],
        family_name=data["family_name"],
        role=data["role"],
        organisation=data.get("organisation", ""),
        email=invitation.email,
        phone=data.get("phone", ""),
        show_email=data.get("show_email", False),
        show_phone=data.get("show_phone", False),
        consent_date=today,
        last_confirmed=today,
    )


@transaction.atomic
def invitation_accept_verified(*, email: str, data: dict) -> User | None:
    """Accept the pending invitation of an address an identity provider vouches for (a
    ProConnect sign-in), with the entry and consent of InvitationEntryForm: the account has
    no password, the person signs in through the provider. None when no invitation is
    usable (expired, used meanwhile, or an account took the address)."""
    invitation = Invitation.find_usable_for_email(email)
    if invitation is None:
        return None
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None or User.objects.filter(username__iexact=email).exists():
        return None
    user = User.objects.create_user(
        username=invitation.email,
        email=invitation.email,
        first_name=data["given_name"][:150],
        last_name=data["family_name"][:150],
    )
    user.groups.add(Group.objects.get(name="Membre"))
    _entry_create(user=user, invitation=invitation, data=data)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def purge_expired_records(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Retention: audit log, login logs and old invitations older than the retention period."""
    limit = _retention_limit(now)
    counts = {
        "exports": DirectoryExport.objects.filter(created_at__lt=limit).delete()[0],
        "invitations": Invitation.objects.filter(expires_at__lt=limit).delete()[0],
        "connexions": AccessLog.objects.filter(attempt_time__lt=limit).delete()[0],
        "échecs": AccessFailureLog.objects.filter(attempt_time__lt=limit).delete()[0]
        + AccessAttempt.objects.filter(attempt_time__lt=limit).delete()[0],
    }
    return counts


def coordinator_hidden_sync() -> int:
    """Drop from both search engines the entries that passed the hiding threshold."""
    hidden = list(Coordinator.objects.filter(last_confirmed__lt=confirmation_hide_date()))
    searchable.index_objects(hidden, at_once=True)  # no longer searchable: forgotten
    return len(hidden)
