"""Backups: the database and the media in one archive, and back (README « Sauvegardes »).

PostgreSQL goes through `pg_dump -Fc` / `pg_restore`; SQLite through its online backup API.
The search indexes are not saved: `restore` rebuilds them from the restored content.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from search.indexing import rebuild

FORMAT_VERSION = 1


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise RuntimeError(f"Sauvegarde non prise en charge pour la base « {vendor} ».")
    return vendor


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes through the environment."""
    params = connection.settings_dict
    args = ["--dbname", params["NAME"]]
    if params.get("HOST"):
        args += ["--host", params["HOST"]]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", params["USER"]]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return args, env


def _dump_database(target: Path) -> str:
    engine = _engine()
    if engine == "postgresql":
        args, env = _pg_env()
        path = target / "database.dump"
        subprocess.run(  # noqa: S603
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args],  # noqa: S607
            env=env,
            check=True,
        )
        return path.name
    path = target / "database.sqlite3"
    connection.ensure_connection()
    destination = sqlite3.connect(path)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return path.name


def create_backup(directory: Path) -> Path:
    """Write `tznr-<date>.tar.gz` holding manifest.json, the database and the media folder."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"tznr-{stamp}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database_file = _dump_database(work)
        manifest = {
            "format": FORMAT_VERSION,
            "engine": _engine(),
            "database": database_file,
            "created_at": timezone.now().isoformat(),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(work / database_file, arcname=database_file)
            if media_root.is_dir():
                tar.add(media_root, arcname="media")
    archive.chmod(0o600)
    return archive


def _restore_database(source: Path, engine: str) -> None:
    if engine != _engine():
        raise RuntimeError(
            f"Cette sauvegarde vient d'une base « {engine} », la base configurée est "
            f"« {_engine()} »."
        )
    connection.close()
    if engine == "postgresql":
        args, env = _pg_env()
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(source),
            ],
            env=env,
            check=True,
        )
        return
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()


def restore_backup(archive: Path) -> dict:
    """Bring back the database and the media of `archive`, then rebuild the search indexes."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise RuntimeError("Format de sauvegarde inconnu.")
        _restore_database(work / manifest["database"], manifest["engine"])
        if (work / "media").is_dir():
            if media_root.exists():
                shutil.rmtree(media_root)
            shutil.copytree(work / "media", media_root)
    counts = rebuild()
    return {"manifest": manifest, "indexed": counts}
