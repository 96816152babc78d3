"""`manage.py check --deploy`: ProConnect required for animators but not configured would
shut them out."""

from django.conf import settings
from django.core import checks

from proconnect import provider


def proconnect_required_but_off(app_configs, **kwargs):
    if settings.PROCONNECT_REQUIRED_FOR_ANIMATORS and not provider.is_configured():
        return [
            checks.Warning(
                "PROCONNECT_REQUIRED_FOR_ANIMATORS is on but ProConnect is not configured: "
                "the setting is ignored, animators still sign in with their password.",
                hint="Set PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET and PROCONNECT_ISSUER.",
                id="proconnect.W001",
            )
        ]
    return []


def register() -> None:
    checks.register(proconnect_required_but_off, checks.Tags.security, deploy=True)
