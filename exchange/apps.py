from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """The community's exchange: questions and answers (and their Mensuelle), remontées to
    the national team, their moderation and notifications."""

    name = "exchange"
    verbose_name = "Questions et remontées"

    def ready(self):
        from exchange import plugins

        plugins.register()
