from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search over what every app registers (kb.searchable): engines, index, page and API."""

    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        from kb import searchable
        from search import indexing, signals

        signals.connect()
        searchable.connect_index(indexing.SearchIndex())
