from django.apps import AppConfig


class InfraConfig(AppConfig):
    """What runs the site without being content: security middleware and deploy checks,
    the anonymous page cache, sessions, backups, error pages."""

    name = "infra"
    verbose_name = "Exploitation"

    def ready(self):
        from infra import checks  # noqa: F401 — registers the deploy checks
