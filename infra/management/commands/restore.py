from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from infra.backups import restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une archive de `backup` (base de données et médias), puis reconstruit "
        "les index de recherche. Remplace les données actuelles."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"Archive introuvable : {archive}")
        try:
            result = restore_backup(archive)
        except Exception as error:
            raise CommandError(f"Restauration impossible : {error}") from error
        self.stdout.write(
            f"Restauré ({result['manifest']['engine']}) ; index : {result['indexed']}"
        )
