from django.apps import AppConfig


class ProConnectConfig(AppConfig):
    """Signing in with ProConnect (OpenID Connect, mozilla-django-oidc) beside invitations."""

    name = "proconnect"
    verbose_name = "ProConnect"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from proconnect import checks, plugins
        from proconnect.logout import remember_id_token

        checks.register()
        plugins.register()
        user_logged_out.connect(remember_id_token, dispatch_uid="proconnect-logout")
