"""Who signed in with ProConnect, and who asked to join through it."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProConnectIdentity(models.Model):
    """A ProConnect identity linked to an account of the site.

    `sub` is what ProConnect guarantees stable for one person and one identity provider: a
    person who signs in through two providers has two identities, both linked to the account.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.CASCADE,
        related_name="proconnect_identities",
    )
    sub = models.CharField("identifiant ProConnect (sub)", max_length=255, unique=True)
    email = models.EmailField("courriel transmis", max_length=254)
    idp_id = models.CharField("fournisseur d'identité", max_length=255, blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    organisation = models.CharField("organisation", max_length=255, blank=True)
    linked_at = models.DateTimeField("liée le", default=timezone.now)
    last_login_at = models.DateTimeField("dernière connexion", default=timezone.now)

    class Meta:
        ordering = ["-last_login_at"]
        verbose_name = "identité ProConnect"
        verbose_name_plural = "identités ProConnect"

    def __str__(self) -> str:
        return f"{self.email} ({self.idp_id or 'ProConnect'})"


class AccessRequest(models.Model):
    """Someone ProConnect vouched for, without an account here, who asks to join.

    What ProConnect gave (names, e-mail, SIRET, organisation) is kept as it came; the person
    adds the territory they work for and a message. An animator accepts (an invitation is
    sent through the directory) or refuses.
    """

    PENDING, ACCEPTED, REFUSED = "pending", "accepted", "refused"
    STATUSES = [(PENDING, "en attente"), (ACCEPTED, "acceptée"), (REFUSED, "refusée")]

    email = models.EmailField("courriel", max_length=254)
    given_name = models.CharField("prénom", max_length=255, blank=True)
    usual_name = models.CharField("nom d'usage", max_length=255, blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    organisation = models.CharField("organisation", max_length=255, blank=True)
    sub = models.CharField("identifiant ProConnect (sub)", max_length=255)
    idp_id = models.CharField("fournisseur d'identité", max_length=255, blank=True)
    territory = models.ForeignKey(
        "kb.Territory",
        verbose_name="territoire",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField("message", max_length=1000, blank=True)
    status = models.CharField("état", max_length=10, choices=STATUSES, default=PENDING)
    created_at = models.DateTimeField("demandée le", default=timezone.now, db_index=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "demande d'accès ProConnect"
        verbose_name_plural = "demandes d'accès ProConnect"
        permissions = [("decide_accessrequest", "Peut accepter ou refuser les demandes d'accès")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.usual_name}".strip() or self.email
