"""What publishing puts on the database queue (the worker runs it: tests/follows/test_worker.py)."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories.follows import FollowFactory
from tests.factories.kb import FichePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_publishing_queues_indexing_and_the_immediate_digests_after_the_lag(
    database_queue, site_tree, member, axis, django_capture_on_commit_callbacks, settings
):
    settings.DIGEST_LAG_SECONDS = 60
    FollowFactory(user=member, kind="axis", key=axis.slug, frequency="immediate")
    fiche = FichePageFactory(parent=site_tree.fiches, axis=axis, live=False)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        fiche.save_revision().publish()
    queued = {task.task_path: task for task in DBTaskResult.objects.ready()}
    assert "search.indexing.sync_documents" in queued
    immediate = DBTaskResult.objects.get(task_path="follows.tasks.run_immediate")
    assert immediate.status == "READY"
    assert immediate.run_after >= before + datetime.timedelta(seconds=60)


def test_nobody_following_at_once_queues_no_immediate_digest(
    database_queue, site_tree, member, axis, django_capture_on_commit_callbacks
):
    FollowFactory(user=member, kind="axis", key=axis.slug, frequency="daily")
    fiche = FichePageFactory(parent=site_tree.fiches, axis=axis, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        fiche.save_revision().publish()
    assert not DBTaskResult.objects.filter(task_path="follows.tasks.run_immediate").exists()
