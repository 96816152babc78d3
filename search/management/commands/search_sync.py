from django.core.management.base import BaseCommand, CommandError

from search.indexing import sync_pending


class Command(BaseCommand):
    help = "Envoie à Elasticsearch les modifications mises en attente pendant une indisponibilité."

    def handle(self, *args, **options):
        sent, pending = sync_pending()
        if pending:
            raise CommandError(f"Elasticsearch toujours indisponible : {pending} en attente.")
        self.stdout.write(f"{sent} modification(s) envoyée(s).")
