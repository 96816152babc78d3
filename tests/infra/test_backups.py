"""`backup` then `restore` into an empty database: the same pages are found through search."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from search.engines.base import PAGE_SIZE, SearchQuery
from search.engines.database import DatabaseEngine
from search.indexing import rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
ROOT = Path(__file__).resolve().parents[2]
QUERY = "caravane"

SEARCH_SCRIPT = f"""
import json
from django.conf import settings
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
query = SearchQuery(text={QUERY!r}, members=True)
engines = {{"database": DatabaseEngine()}}
if settings.ELASTICSEARCH_URL:
    from search.engines.elasticsearch import ElasticsearchEngine
    engines["elasticsearch"] = ElasticsearchEngine()
keys = {{name: sorted(h.key for h in e.search(query).hits) for name, e in engines.items()}}
print(json.dumps(keys))
"""


def engines_here() -> dict:
    engines = {"database": DatabaseEngine()}
    if settings.ELASTICSEARCH_URL:
        from search.engines.elasticsearch import ElasticsearchEngine

        engines["elasticsearch"] = ElasticsearchEngine()
    return engines


@pytest.fixture
def empty_database(tmp_path):
    """The DATABASE_URL of a new, empty database of the engine under test; dropped after."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    admin = psycopg.connect(
        dbname="postgres",
        host=params["HOST"],
        port=params["PORT"],
        user=params["USER"],
        password=params["PASSWORD"],
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:"
            f"{params['PORT']}/{name}"
        )
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def restore_suffix():
    """A separate Elasticsearch index prefix for the restored site, deleted after."""
    suffix = f"{os.environ.get('TZNR_TEST_SUFFIX', '')}_restore"
    yield suffix
    if settings.ELASTICSEARCH_URL:
        from elasticsearch import Elasticsearch

        client = Elasticsearch(settings.ELASTICSEARCH_URL)
        for index in client.indices.get(index=f"tznr-test{suffix}-*", ignore_unavailable=True):
            client.indices.delete(index=index)


def test_a_backup_restored_into_an_empty_database_finds_the_same_pages(
    tmp_path, empty_database, restore_suffix, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "photo.jpg").write_bytes(b"jpeg")
    # The indexes as the database is now: Elasticsearch keeps what earlier tests wrote to it,
    # which their rolled-back transactions took out of the database (and so of the backup).
    if settings.ELASTICSEARCH_URL:
        rebuild(engines="elasticsearch")
    expected = {
        name: sorted(hit.key for hit in engine.search(SearchQuery(text=QUERY, members=True)).hits)
        for name, engine in engines_here().items()
    }
    assert 0 < len(expected["database"]) < PAGE_SIZE

    call_command("backup", output=tmp_path / "backups", stdout=open(os.devnull, "w"))
    (archive,) = (tmp_path / "backups").glob("tznr-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert "media/images/photo.jpg" in names

    env = {**os.environ, "DATABASE_URL": empty_database, "TZNR_TEST_SUFFIX": restore_suffix}
    env["TZNR_VAR_DIR"] = str(tmp_path / "restored-var")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

    def manage(*args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("restore", str(archive))
    restored = json.loads(manage("shell", "-c", SEARCH_SCRIPT).strip().splitlines()[-1])
    assert restored == expected
    restored_media = tmp_path / "restored-var" / "test-media" / "images" / "photo.jpg"
    assert restored_media.read_bytes() == b"jpeg"


def test_restoring_a_missing_archive_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Archive introuvable"):
        call_command("restore", str(tmp_path / "absent.tar.gz"))
