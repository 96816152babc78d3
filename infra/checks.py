"""Deploy checks of our own security choices (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def security_choices(app_configs, **kwargs):
    problems = []
    directives = getattr(settings, "CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {})
    if "'unsafe-inline'" in directives.get("script-src", ["'unsafe-inline'"]):
        problems.append(
            Warning(
                "The Content-Security-Policy allows inline scripts on the site.",
                hint="Keep CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'] to 'self'.",
                id="tznr.W001",
            )
        )
    backends = getattr(settings, "AUTHENTICATION_BACKENDS", [])
    if not backends or not backends[0].startswith("axes.backends."):
        problems.append(
            Warning(
                "django-axes is not the first authentication backend: logins are not throttled.",
                id="tznr.W002",
            )
        )
    if not getattr(settings, "AXES_COOLOFF_TIME", None):
        problems.append(
            Warning(
                "AXES_COOLOFF_TIME is not set: a lockout would be permanent.",
                id="tznr.W003",
            )
        )
    if not settings.SESSION_SAVE_EVERY_REQUEST or settings.SESSION_COOKIE_AGE > 12 * 3600:
        problems.append(
            Warning(
                "Sessions do not expire after a short idle time.",
                hint="SESSION_SAVE_EVERY_REQUEST = True and SESSION_COOKIE_AGE of a few hours.",
                id="tznr.W004",
            )
        )
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", "") != "serve_view":
        problems.append(
            Warning(
                "Documents are not served through serve_view: collection privacy is bypassed.",
                id="tznr.W005",
            )
        )
    return problems
