"""The claims ProConnect sends about a person (userinfo), as the site uses them.

Names as ProConnect documents them: `sub`, `email`, `given_name`, `usual_name` (the family
name in use), `siret`, `organization_label` (the organisation's display name), `idp_id`,
`uid`. ProConnect sends no `email_verified`: its identity providers vouch for the address;
one that says `email_verified: false` is not trusted.
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from proconnect.errors import MissingEmail


def _text(claims: dict, name: str, limit: int = 255) -> str:
    value = claims.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


@dataclass(frozen=True)
class ProConnectClaims:
    sub: str
    email: str
    given_name: str = ""
    usual_name: str = ""
    siret: str = ""
    organisation: str = ""
    idp_id: str = ""

    @classmethod
    def from_userinfo(cls, claims: dict) -> "ProConnectClaims":
        email = _text(claims, "email", 254).lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise MissingEmail from error
        if claims.get("email_verified") is False:
            raise MissingEmail
        siret = _text(claims, "siret", 14)
        return cls(
            sub=_text(claims, "sub"),
            email=email,
            given_name=_text(claims, "given_name"),
            usual_name=_text(claims, "usual_name"),
            siret=siret if siret.isdigit() else "",
            organisation=_text(claims, "organization_label"),
            idp_id=_text(claims, "idp_id"),
        )

    def as_session(self) -> dict:
        return asdict(self)

    @classmethod
    def from_session(cls, data) -> "ProConnectClaims | None":
        try:
            return cls(**data)
        except TypeError:
            return None
