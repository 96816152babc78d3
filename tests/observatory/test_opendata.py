"""/donnees/: CSV and JSON of the public content, described by a Frictionless data package
that `frictionless validate` accepts; never members-only content nor personal data."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from directory.models import Coordinator
from events.models import EventPage, EventSeriesPage
from kb import datasets
from tests.observatory.conftest import public_fiches

pytestmark = pytest.mark.django_db

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def download_package(client, folder: Path) -> dict:
    package = client.get("/donnees/datapackage.json").json()
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    for resource in package["resources"]:
        response = client.get(f"/donnees/{resource['path']}")
        assert response.status_code == 200
        (folder / resource["path"]).write_bytes(b"".join(response.streaming_content))
    return package


def json_package(client, folder: Path) -> Path:
    """The published package with each resource pointing at its JSON file instead of its CSV
    (same Table Schema), and those files downloaded: `frictionless` reads the JSON exports."""
    package = download_package(client, folder)
    for resource in package["resources"]:
        resource.update(
            path=f"{resource['name']}.json", format="json", mediatype="application/json"
        )
        response = client.get(f"/donnees/{resource['path']}")
        assert response["Content-Type"].startswith("application/json")
        (folder / resource["path"]).write_bytes(b"".join(response.streaming_content))
    descriptor = folder / "datapackage-json.json"
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    return descriptor


def frictionless_report(folder: Path, descriptor: str) -> dict:
    run = subprocess.run(  # noqa: S603
        [str(FRICTIONLESS), "validate", "--json", descriptor],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(run.stdout)


def read_csv(folder: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text("utf-8"))))


@pytest.mark.usefixtures("demo")  # reads the demo's content
def test_frictionless_validates_the_data_package_and_every_file(client, review, tmp_path):
    package = download_package(client, tmp_path)
    assert {r["name"] for r in package["resources"]} == {
        "fiches",
        "territoires",
        "evenements",
        "ressources",
        "essaimage",
    }
    assert package["licenses"][0]["name"] == "etalab-2.0"
    run = subprocess.run(  # noqa: S603
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:3000]
    assert all(task["stats"]["rows"] > 0 for task in report["tasks"])


@pytest.mark.usefixtures("demo")  # reads the demo's content
def test_frictionless_validates_the_json_files_against_the_same_schemas(client, review, tmp_path):
    descriptor = json_package(client, tmp_path)
    report = frictionless_report(tmp_path, descriptor.name)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:3000]
    assert len(report["tasks"]) == len(datasets.registered())
    assert all(task["stats"]["rows"] > 0 for task in report["tasks"])


def test_the_json_check_fails_on_a_broken_file(client, review, tmp_path):
    """The JSON validation can fail too: a fiche with no title is reported."""
    descriptor = json_package(client, tmp_path)
    fiches = json.loads((tmp_path / "fiches.json").read_text("utf-8"))
    fiches[0]["titre"] = None
    (tmp_path / "fiches.json").write_text(json.dumps(fiches), "utf-8")
    assert frictionless_report(tmp_path, descriptor.name)["valid"] is False


def test_the_frictionless_check_fails_on_a_broken_file(client, review, tmp_path):
    """The validation above can fail: a fiche with an unknown state is reported."""
    download_package(client, tmp_path)
    fiches = (tmp_path / "fiches.csv").read_text("utf-8")
    (tmp_path / "fiches.csv").write_text(fiches.replace(",en_cours,", ",presque,", 1), "utf-8")
    run = subprocess.run(  # noqa: S603
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(run.stdout)["valid"] is False


@pytest.mark.usefixtures("demo")  # reads the demo's content
def test_the_files_hold_the_public_fiches_only_and_json_says_what_csv_says(
    client, review, tmp_path
):
    download_package(client, tmp_path)
    fiches = read_csv(tmp_path, "fiches")
    assert sorted(int(row["id"]) for row in fiches) == sorted(
        public_fiches().values_list("pk", flat=True)
    )
    ids = {int(row["id"]) for row in fiches}
    assert review["fiches"]["members_only"].pk not in ids
    assert review["fiches"]["draft"].pk not in ids
    for dataset in datasets.registered():
        response = client.get(f"/donnees/{dataset.name}.json")
        as_json = json.loads(b"".join(response.streaming_content))
        as_csv = read_csv(tmp_path, dataset.name)
        assert len(as_json) == len(as_csv)
        assert [f"{row['id' if 'id' in row else 'numero']}" for row in as_json] == [
            row["id" if "id" in row else "numero"] for row in as_csv
        ]
        assert list(as_json[0]) == [field.name for field in dataset.fields]


@pytest.mark.usefixtures("demo")  # reads the demo's content
def test_no_personal_data_in_any_file(client, review, tmp_path):
    download_package(client, tmp_path)
    text = "\n".join(path.read_text("utf-8") for path in tmp_path.glob("*.csv"))
    people = Coordinator.objects.exclude(email="")
    assert people.exists()
    for person in people:
        assert person.email not in text
        assert person.name not in text
    for event in EventPage.objects.exclude(online_url=""):
        assert event.online_url not in text
    assert "@" not in text.replace("mailto", "")


@pytest.mark.usefixtures("demo")  # reads the demo's content
def test_events_have_one_row_per_occurrence_of_a_series(client, tmp_path):
    download_package(client, tmp_path)
    events = read_csv(tmp_path, "evenements")
    series = EventSeriesPage.objects.live().public().first()
    occurrences = EventPage.objects.live().public().child_of(series)
    rows = [row for row in events if row["serie"] == series.slug]
    assert len(rows) == occurrences.count() > 1
    assert sorted(row["date_prevue"] for row in rows) == sorted(
        f"{day}" for day in occurrences.values_list("occurrence_date", flat=True)
    )
    assert len(events) == EventPage.objects.live().public().count()


def test_the_page_documents_every_column(client):
    content = client.get("/donnees/").content.decode()
    assert "Licence Ouverte" in content and "etalab-2.0" in content
    for dataset in datasets.registered():
        assert f'href="/donnees/{dataset.name}.csv"' in content
        assert f'href="/donnees/{dataset.name}.json"' in content
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in content
    assert client.get("/donnees/inconnu.csv").status_code == 404
