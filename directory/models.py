"""The coordinator directory: personal data, shown to members only."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# Retention (README « Données personnelles »): an entry not confirmed for 12 months is flagged
# to animators; after 15 months it is hidden from the directory, search and exports.
FLAG_AFTER_MONTHS = 12
HIDE_AFTER_MONTHS = 15


def months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last_day = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(1)).day
    return datetime.date(year, month, min(day.day, last_day))


def confirmation_flag_date(today: datetime.date | None = None) -> datetime.date:
    """Entries last confirmed before this date must be confirmed again."""
    return months_before(today or timezone.localdate(), FLAG_AFTER_MONTHS)


def confirmation_hide_date(today: datetime.date | None = None) -> datetime.date:
    """Entries last confirmed before this date are hidden until confirmed."""
    return months_before(today or timezone.localdate(), HIDE_AFTER_MONTHS)


class Coordinator(models.Model):
    """An entry of the directory: a person (family name given), or a role or a structure
    (« Coordination TZNR — Grenoble »: only `name`, no family name).

    A person's `name` is « prénom nom », kept for display, sorting and search.
    """

    given_name = models.CharField("prénom", max_length=75, blank=True)
    family_name = models.CharField("nom de famille", max_length=75, blank=True)
    name = models.CharField(
        "nom affiché",
        max_length=150,
        blank=True,
        help_text=(
            "Pour une personne, rempli d'après le prénom et le nom. Pour une fonction ou une "
            "structure (« Coordination TZNR — … »), son intitulé, prénom et nom vides."
        ),
    )
    role = models.CharField("fonction", max_length=150)
    territory = models.ForeignKey(
        "kb.Territory",
        verbose_name="territoire",
        on_delete=models.CASCADE,
        related_name="coordinators",
    )
    organisation = models.CharField("structure", max_length=200, blank=True)
    email = models.EmailField("courriel professionnel", blank=True)
    phone = models.CharField("téléphone professionnel", max_length=30, blank=True)
    axes = models.ManyToManyField(
        "kb.Axis", verbose_name="axes d'expertise", blank=True, related_name="coordinators"
    )
    publics = models.ManyToManyField(
        "kb.Public", verbose_name="publics", blank=True, related_name="coordinators"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinator",
    )
    consent_date = models.DateField("date du consentement", default=timezone.localdate)
    consent_scope = models.CharField(
        "portée du consentement",
        max_length=200,
        default="Annuaire réservé aux membres de la communauté apprenante",
    )
    last_confirmed = models.DateField("dernière confirmation", default=timezone.localdate)
    show_organisation = models.BooleanField("afficher la structure", default=True)
    show_email = models.BooleanField("afficher le courriel", default=True)
    show_phone = models.BooleanField("afficher le téléphone", default=False)
    show_expertise = models.BooleanField("afficher les axes et publics", default=True)

    # Field → visibility flag: what the person chose to show to other members.
    VISIBILITY = {
        "organisation": "show_organisation",
        "email": "show_email",
        "phone": "show_phone",
        "axes": "show_expertise",
        "publics": "show_expertise",
    }

    panels = [
        FieldRowPanel([FieldPanel("given_name"), FieldPanel("family_name")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("territory"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("axes"),
        FieldPanel("publics"),
        MultiFieldPanel(
            [
                FieldPanel("user"),
                FieldPanel("consent_date"),
                FieldPanel("consent_scope"),
                FieldPanel("last_confirmed"),
            ],
            heading="Consentement (RGPD)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("show_organisation"),
                FieldPanel("show_email"),
                FieldPanel("show_phone"),
                FieldPanel("show_expertise"),
            ],
            heading="Champs visibles des membres",
        ),
    ]

    class Meta:
        db_table = "kb_coordinator"  # created by the kb app, which held the directory before
        ordering = ["territory__numero", "name"]
        verbose_name = "coordonnateur"
        verbose_name_plural = "annuaire des coordonnateurs"
        permissions = [("export_coordinator", "Peut exporter l'annuaire (CSV)")]

    def __str__(self) -> str:
        return f"{self.name} — {self.territory}"

    def save(self, *args, **kwargs):
        if self.is_person:
            self.name = f"{self.given_name} {self.family_name}".strip()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.given_name and not self.family_name:
            raise ValidationError({"family_name": "Indiquez aussi le nom de famille."})
        if not self.family_name and not self.name.strip():
            raise ValidationError(
                {"family_name": "Indiquez le nom d'une personne, ou l'intitulé d'une fonction."}
            )

    @property
    def is_person(self) -> bool:
        return bool(self.family_name)

    def shows(self, field: str) -> bool:
        flag = self.VISIBILITY.get(field)
        return flag is None or getattr(self, flag)

    def visible_value(self, field: str):
        """The value other members may see, or an empty value when the person hid it."""
        if not self.shows(field):
            return [] if field in ("axes", "publics") else ""
        if field in ("axes", "publics"):
            return list(getattr(self, field).all())
        return getattr(self, field)

    @property
    def needs_confirmation(self) -> bool:
        return self.last_confirmed < confirmation_flag_date()

    @property
    def is_hidden(self) -> bool:
        return self.last_confirmed < confirmation_hide_date()


class DirectoryExport(models.Model):
    """Audit log of CSV exports of the directory (purged after TZNR_AUDIT_RETENTION_DAYS)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField("identifiant", max_length=150)
    created_at = models.DateTimeField("date", default=timezone.now, db_index=True)
    filters = models.JSONField("filtres", default=dict, blank=True)
    row_count = models.PositiveIntegerField("lignes exportées")

    class Meta:
        db_table = "kb_directoryexport"
        ordering = ["-created_at"]
        verbose_name = "export de l'annuaire"
        verbose_name_plural = "journal des exports de l'annuaire"

    def __str__(self) -> str:
        return f"{self.username} — {self.created_at:%d/%m/%Y %H:%M} — {self.row_count} lignes"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """A one-time link that lets a person create their account and directory entry.

    Only the token's hash is stored: the link itself exists only in the e-mail.
    """

    email = models.EmailField("courriel")
    territory = models.ForeignKey(
        "kb.Territory", verbose_name="territoire", on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="invité par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("envoyée le", default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    used_at = models.DateTimeField("utilisée le", null=True, blank=True)

    class Meta:
        db_table = "kb_invitation"
        ordering = ["-created_at"]
        verbose_name = "invitation"
        verbose_name_plural = "invitations"

    def __str__(self) -> str:
        return f"{self.email} ({self.territory})"

    @classmethod
    def create(cls, *, email: str, territory, invited_by) -> tuple["Invitation", str]:
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation = cls.objects.create(
            email=email,
            territory=territory,
            invited_by=invited_by,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + datetime.timedelta(days=settings.TZNR_INVITATION_DAYS),
        )
        return invitation, token

    @classmethod
    def find_usable(cls, token: str) -> "Invitation | None":
        return cls.objects.filter(
            token_hash=hash_token(token), used_at__isnull=True, expires_at__gt=timezone.now()
        ).first()

    @classmethod
    def find_usable_for_email(cls, email: str) -> "Invitation | None":
        """The latest usable invitation sent to `email` (any letter case)."""
        return (
            cls.objects.filter(
                email__iexact=email, used_at__isnull=True, expires_at__gt=timezone.now()
            )
            .order_by("-created_at")
            .first()
        )
