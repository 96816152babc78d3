from django.apps import AppConfig


class FollowsConfig(AppConfig):
    """Follows, saved searches (alertes), digests, Atom feeds and « Nouveau depuis votre
    dernière visite »; reads what is followable and new through kb.activity."""

    name = "follows"
    verbose_name = "Abonnements"

    def ready(self):
        from follows import plugins, signals

        signals.connect()
        plugins.register()
