from django.apps import AppConfig


class EssaimageConfig(AppConfig):
    """Essaimage: territories declare the practices (fiches) they reused."""

    name = "essaimage"
    verbose_name = "Essaimage"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from essaimage import plugins

        plugins.register()
