"""What the cluster tests write into the cluster's database, each run by `live_site.site_call`
in a process of its own on the cluster's settings (the test process never writes there)."""

import os
import time

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django_tasks import task

from tests.factories.kb import FicheIndexPageFactory, FichePageFactory
from tests.factories.site import site_tree

PASSWORD = "grappe-de-serveurs"
RUNS_TABLE = "cluster_task_runs"


def prepare() -> dict:
    """The cache table, a public fiche, a second fiche list to move it to, a section in the
    menu, an animator and a member."""
    call_command("createcachetable")
    tree = site_tree()
    archives = FicheIndexPageFactory(parent=tree.home, title="Archives", slug="archives")
    section = FicheIndexPageFactory(
        parent=tree.home, title="Chantiers", slug="chantiers", show_in_menus=True
    )
    fiche = FichePageFactory(
        parent=tree.fiches, title="Ornithorynque des territoires", slug="ornithorynque"
    )
    fiche.save_revision().publish()
    for username, group in (("animateur-grappe", "Animateur"), ("membre-grappe", "Membre")):
        user = User.objects.create_user(username=username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {RUNS_TABLE} (number integer, pid integer)")
    return {"fiche": fiche.pk, "archives": archives.pk, "section": section.pk, "url": fiche.url}


@task()
def record_run(number: int) -> None:
    """Writes down which process ran it; long enough for both workers to take some."""
    time.sleep(0.02)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {RUNS_TABLE} VALUES (%s, %s)", [number, os.getpid()])  # noqa: S608


def enqueue_runs(count: int) -> int:
    for number in range(count):
        record_run.enqueue(number)
    return count
