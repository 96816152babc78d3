from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The coordinator directory, invitations and the personal-data pages (« Mon profil »)."""

    name = "directory"
    verbose_name = "Annuaire"

    def ready(self):
        from directory import plugins, signals

        signals.connect()
        plugins.register()
