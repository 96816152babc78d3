"""What can go wrong while signing in with ProConnect, each with what the person is told.

The views render any `ProConnectError` as a French page (proconnect/failure.html) with its
status: nothing is created when one is raised.
"""


class ProConnectError(Exception):
    title = "Connexion avec ProConnect impossible"
    message = "La connexion avec ProConnect n'a pas abouti."
    status = 400
    retry = True  # offer « Réessayer avec ProConnect »


class ProviderUnavailable(ProConnectError):
    title = "ProConnect ne répond pas"
    message = (
        "Le service ProConnect n'a pas répondu, ou a répondu de façon inattendue. "
        "Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe."
    )
    status = 503


class StateMismatch(ProConnectError):
    title = "Demande de connexion expirée"
    message = (
        "Cette réponse de ProConnect ne correspond à aucune demande de connexion en cours "
        "dans ce navigateur : elle a expiré, a déjà servi, ou vient d'un autre onglet. "
        "Recommencez la connexion depuis le bouton ProConnect."
    )


class CodeRejected(ProConnectError):
    title = "Code de connexion expiré"
    message = (
        "ProConnect a refusé le code de connexion : il a expiré (il ne vaut que quelques "
        "secondes) ou a déjà été utilisé. Recommencez la connexion."
    )


class BadSignature(ProConnectError):
    title = "Réponse de ProConnect non vérifiable"
    message = (
        "La réponse reçue de ProConnect n'a pas pu être vérifiée (signature, émetteur ou "
        "destinataire incorrects). Par sécurité, vous n'êtes pas connecté·e."
    )
    status = 502


class MissingEmail(ProConnectError):
    title = "Adresse électronique manquante"
    message = (
        "ProConnect n'a pas transmis d'adresse électronique professionnelle vérifiée pour "
        "votre compte : elle est nécessaire pour vous reconnaître. Vérifiez votre compte "
        "auprès de votre fournisseur d'identité, ou connectez-vous avec votre mot de passe."
    )
    status = 403


class Cancelled(ProConnectError):
    title = "Connexion annulée"
    message = "La connexion avec ProConnect a été annulée ou refusée. Vous n'êtes pas connecté·e."


class AmbiguousAccount(ProConnectError):
    title = "Plusieurs comptes pour cette adresse"
    message = (
        "Plusieurs comptes du site utilisent cette adresse électronique : la connexion avec "
        "ProConnect ne peut pas choisir. Écrivez à l'équipe d'animation pour les réunir."
    )
    status = 409
    retry = False


class InactiveAccount(ProConnectError):
    title = "Compte désactivé"
    message = "Votre compte sur ce site est désactivé. Écrivez à l'équipe d'animation."
    status = 403
    retry = False


class UnknownPerson(Exception):
    """ProConnect vouched for someone who has no account here and no pending invitation."""

    def __init__(self, claims):
        super().__init__(claims.email)
        self.claims = claims
        self.id_token = None
