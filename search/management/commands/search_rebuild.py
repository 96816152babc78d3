from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Reconstruit les index de recherche (Elasticsearch : nouvel index puis bascule d'alias)."

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=["all", "database", "elasticsearch"], default="all")

    def handle(self, *args, engine, **options):
        for name, count in rebuild(engines=engine).items():
            self.stdout.write(f"{name} : {count} documents indexés.")
