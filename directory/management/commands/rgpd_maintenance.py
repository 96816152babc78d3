"""Daily personal-data housekeeping (run it from cron): see README « Données personnelles »."""

from django.core.management.base import BaseCommand

from directory.services import coordinator_hidden_sync, purge_expired_records


class Command(BaseCommand):
    help = (
        "Purge le journal d'audit, les journaux de connexion et les invitations de plus de "
        "12 mois, et retire de la recherche les fiches non confirmées depuis 15 mois."
    )

    def handle(self, *args, **options):
        counts = purge_expired_records()
        hidden = coordinator_hidden_sync()
        summary = ", ".join(f"{name} : {count}" for name, count in counts.items())
        self.stdout.write(
            f"Supprimés — {summary}. Fiches masquées retirées de la recherche : {hidden}."
        )
