from django.apps import AppConfig


class InfraConfig(AppConfig):
    """What runs the site without being content: security middleware and deploy checks,
    the anonymous page cache, sessions, backups, error pages."""

    name = "infra"
    verbose_name = "Exploitation"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from infra import checks  # noqa: F401 — registers the deploy checks
        from infra.throttle import count_login_failure

        user_login_failed.connect(count_login_failure, dispatch_uid="infra-login-failure-per-ip")
