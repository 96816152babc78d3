from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content (`manage.py load_demo`), built from the first-year review: it spans
    every app, so it sits above them all."""

    name = "demo"
    verbose_name = "Démonstration"
