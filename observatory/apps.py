from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    """The national review computed from the published fiches, the map of the territories
    and the open data. It reads kb and the figures and datasets other apps register
    (kb.figures, kb.datasets); it imports no other app."""

    name = "observatory"
    verbose_name = "Observatoire"

    def ready(self):
        from observatory import plugins, signals

        plugins.register()
        signals.connect()
