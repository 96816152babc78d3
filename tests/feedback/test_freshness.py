"""Freshness: « Vérifiée le » in public, the stale list for animators (review due or reported
obsolete), the owner reminded once per due date, « Confirmer inchangé » in one click."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback import selectors, services, tasks
from feedback.models import Freshness, ProblemReport
from tests.conftest import make_user
from tests.factories.feedback import ProblemReportFactory
from tests.factories.kb import FichePageFactory
from tests.factories.resources import ResourcePageFactory
from tests.feedback.conftest import signed_in, text

pytestmark = pytest.mark.django_db


def published_ago(page, days):
    when = timezone.now() - datetime.timedelta(days=days)
    type(page).objects.filter(pk=page.pk).update(last_published_at=when, first_published_at=when)
    page.refresh_from_db()
    return page


@pytest.fixture
def owner(db):
    return make_user("redactrice", "Animateur", email="redactrice@example.org")


def test_verified_on_is_shown_in_public(site_tree, client):
    fiche = published_ago(FichePageFactory(parent=site_tree.fiches), 10)
    day = timezone.localdate() - datetime.timedelta(days=10)
    assert f'data-verifiee="{day:%Y-%m-%d}"' in text(client.get(fiche.url))
    Freshness.objects.create(page=fiche, verified_on=datetime.date(2025, 3, 4))
    assert "Vérifiée le 4 mars 2025" in text(client.get(fiche.url))


def test_stale_content_is_listed_and_reminded_once(
    site_tree, owner, animator, django_capture_on_commit_callbacks
):
    old = published_ago(FichePageFactory(parent=site_tree.fiches, owner=owner), 400)
    fresh = published_ago(ResourcePageFactory(parent=site_tree.resources, owner=owner), 100)
    reported = published_ago(FichePageFactory(parent=site_tree.fiches, owner=owner), 5)
    ProblemReportFactory(page=reported, kind=ProblemReport.Kind.OBSOLETE)
    short = published_ago(ResourcePageFactory(parent=site_tree.resources, owner=owner), 100)
    Freshness.objects.create(
        page=short,
        verified_on=timezone.localdate() - datetime.timedelta(days=100),
        interval_months=3,
    )

    stale = {row.page.pk: row for row in selectors.freshness_list()}
    assert set(stale) == {old.pk, reported.pk, short.pk}
    assert stale[reported.pk].reasons == ["signalée obsolète (1)"]
    assert stale[old.pk].reasons == ["revue échue"]
    assert fresh.pk not in stale

    with django_capture_on_commit_callbacks(execute=True):
        assert services.freshness_remind() == 2  # the due reviews, not the report
    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"[Communauté TZNR] À vérifier : « {page.title} »" for page in (old, short)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.freshness_remind() == 0
    assert tasks.remind_owner_of_review.call(old.pk, stale[old.pk].due_on.isoformat()) is False
    assert len(mail.outbox) == 2

    page = text(signed_in(animator).get(reverse("feedback-freshness")))
    assert old.title in page and reported.title in page and fresh.title not in page


def test_confirm_unchanged_is_one_click(site_tree, owner, animator):
    old = published_ago(FichePageFactory(parent=site_tree.fiches, owner=owner), 400)
    report = ProblemReportFactory(page=old, kind=ProblemReport.Kind.OBSOLETE)
    response = signed_in(animator).post(
        reverse("feedback-freshness-confirm", args=[old.pk]), {"interval_months": "6"}
    )
    assert response.status_code == 302
    freshness = Freshness.objects.get(page=old)
    assert (freshness.verified_on, freshness.interval_months, freshness.verified_by) == (
        timezone.localdate(),
        6,
        animator,
    )
    report.refresh_from_db()
    assert report.state == "traite"
    assert selectors.freshness_list() == []
    assert services.freshness_remind() == 0


def test_only_animators_see_the_list_and_confirm(site_tree, member):
    old = published_ago(FichePageFactory(parent=site_tree.fiches), 400)
    browser = signed_in(member)
    assert browser.get(reverse("feedback-freshness")).status_code == 403
    confirm = reverse("feedback-freshness-confirm", args=[old.pk])
    assert browser.post(confirm, {"interval_months": "12"}).status_code == 403
    assert not Freshness.objects.exists()
