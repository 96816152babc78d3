from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    """Members' proposals (fiches, documents) and their review by the animators through the
    Wagtail workflow « Relecture par l'animation »."""

    name = "contributions"
    verbose_name = "Contributions des membres"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from contributions import plugins, signals

        signals.connect()
        plugins.register()
