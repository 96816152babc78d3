from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from infra.backups import create_backup


class Command(BaseCommand):
    help = "Sauvegarde la base de données et les médias dans une seule archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "var" / "backups",
            help="Dossier où écrire l'archive (var/backups par défaut).",
        )

    def handle(self, *args, output: Path, **options):
        archive = create_backup(output)
        self.stdout.write(str(archive))
