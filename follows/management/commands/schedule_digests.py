"""The digest clock: start the due digests, take up stalled work. Run it every few minutes
from cron or a systemd timer (README « Tâches de fond »); `--every 60` loops (make run)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from follows.tasks import tick


class Command(BaseCommand):
    help = "Lance les résumés dus et reprend le travail interrompu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            help="Recommencer toutes les N secondes (sinon, une seule fois).",
        )

    def handle(self, *args, every: int, verbosity: int, **options):
        while True:
            close_old_connections()
            result = tick()
            if verbosity > 1 or (every == 0 and verbosity > 0):
                self.stdout.write(f"Résumés : {result}")
            if not every:
                return
            time.sleep(every)
