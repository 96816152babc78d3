from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """What members say and what content is used: satisfaction after events, « utile ? » and
    problem reports on content, freshness of fiches and resources, usage counted per day."""

    name = "feedback"
    verbose_name = "Retours et usages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from feedback import plugins, signals

        plugins.register()
        signals.connect()
