from django.apps import AppConfig


class KbConfig(AppConfig):
    """The core: page bases and mixins, vocabularies, fiches, home and territory pages,
    visibility and permissions, and the registries other apps plug into (kb.sections,
    kb.searchable)."""

    name = "kb"
    verbose_name = "Base de connaissances"

    def ready(self):
        from kb import plugins, signals

        signals.connect()
        plugins.register()
