"""The whole path through Wagtail's workflow, on both passes: a member proposes, nothing shows,
an animator requests changes in the admin, the member edits, the animator approves, the fiche
is public with its credit and found by search."""

import re

import pytest
from django.core import mail
from wagtail.models import Page, WorkflowState

from contributions.models import Contribution
from contributions.tasks import contribution_state_email
from search.engines.base import SearchQuery
from search.service import search
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

WORD = "zorglubienne"


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def current_task_state(page):
    return WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state


def found(text: str, *, members: bool) -> int:
    return search(SearchQuery(text=text, members=members)).total


def test_a_proposal_goes_through_review_to_a_credited_public_fiche(
    client,
    member_client,
    contributor_client,
    contributor,
    reviewer_client,
    fiche_data,
    territory,
    django_capture_on_commit_callbacks,
):
    captured = django_capture_on_commit_callbacks
    with captured(execute=True):
        contributor_client.post("/contribuer/fiche/", fiche_data)
    contribution = Contribution.objects.get(author=contributor)
    page = contribution.page
    try:
        # Submitted: animators are told by Wagtail, the author by us.
        assert mails_to("relectrice@example.org"), "the Animateur group gets Wagtail's e-mail"
        [submitted] = mails_to("contributrice@example.org")
        assert "en relecture" in submitted.subject
        assert contribution.title.encode() in reviewer_client.get("/admin/").content

        # Nothing shows: the page, the list, search (both engines), for anyone.
        for browser in (client, member_client, contributor_client):
            assert browser.get(page.url).status_code == 404
            assert WORD.encode() not in browser.get(f"/fiches/?territory={territory.slug}").content
        assert found(WORD, members=True) == 0 and found(WORD, members=False) == 0

        # The animator requests changes in the admin, with a comment.
        with captured(execute=True):
            response = reviewer_client.post(
                f"/admin/pages/workflow/action/{page.pk}/reject/{current_task_state(page).pk}/",
                {"comment": "Précisez les partenaires, s'il vous plaît."},
            )
        assert response.status_code in (200, 302)
        contribution.refresh_from_db()
        assert contribution.state == Contribution.State.MODIFICATIONS
        assert contribution.review_comment == "Précisez les partenaires, s'il vous plaît."
        [_, changes] = mails_to("contributrice@example.org")
        assert "Précisez les partenaires" in changes.body
        assert f"/mon-profil/contributions/{contribution.pk}/modifier/" in changes.body
        listing = contributor_client.get("/mon-profil/contributions/").content.decode()
        assert "Modifications demandées" in listing and "Précisez les partenaires" in listing

        # The member edits: back in review, same workflow, a new task state.
        with captured(execute=True):
            response = contributor_client.post(
                f"/mon-profil/contributions/{contribution.pk}/modifier/",
                {**fiche_data, "partners": "CAF\nCPAM\nMSA"},
            )
        assert response.status_code == 302
        contribution.refresh_from_db()
        assert contribution.state == Contribution.State.EN_RELECTURE
        assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1
        assert (
            "MSA" in Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().partners
        )
        assert not Page.objects.get(pk=page.pk).live

        # The animator approves: published, indexed, credited.
        with captured(execute=True):
            reviewer_client.post(
                f"/admin/pages/workflow/action/{page.pk}/approve/{current_task_state(page).pk}/"
            )
        contribution.refresh_from_db()
        assert contribution.state == Contribution.State.PUBLIEE
        published = Page.objects.get(pk=page.pk).specific
        assert published.live and "MSA" in published.partners
        assert "publiée" in mails_to("contributrice@example.org")[-1].subject
        public_page = client.get(published.url).content.decode()
        assert "Proposée par" in public_page and territory.name in public_page
        assert "Camille Contributrice" not in public_page  # the name is for members only
        assert "Camille Contributrice" in member_client.get(published.url).content.decode()
        assert found(WORD, members=False) == 1
        assert WORD.encode() in client.get(f"/fiches/?territory={territory.slug}").content
    finally:
        with captured(execute=True):
            Page.objects.get(pk=page.pk).delete()
    assert found(WORD, members=True) == 0


# HTML's "valid global date and time string": at most three digits of a second.
HTML_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)")


def test_the_animators_dashboard_lists_the_proposal_with_valid_dates(
    contributor_client, reviewer_client, fiche_data
):
    """Wagtail's human_readable_date wrote microseconds in `datetime` (templates/wagtailadmin)."""
    contributor_client.post("/contribuer/fiche/", fiche_data)
    dashboard = reviewer_client.get("/admin/").content.decode()
    assert fiche_data["title"] in dashboard
    dates = re.findall(r'<time[^>]* datetime="([^"]*)"', dashboard)
    assert dates and all(HTML_DATETIME.fullmatch(value) for value in dates), dates


def test_an_animator_who_cancels_the_workflow_refuses_the_proposal(
    contributor_client, contributor, reviewer_client, fiche_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contributor_client.post("/contribuer/fiche/", fiche_data)
        contribution = Contribution.objects.get(author=contributor)
        page = contribution.page
        reviewer_client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{current_task_state(page).pk}/",
            {"comment": "Cette action existe déjà : voir la fiche de Grenoble."},
        )
        WorkflowState.objects.active().get(object_id=str(page.pk)).cancel(user=None)
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.REFUSEE
    assert "voir la fiche de Grenoble" in contribution.review_comment
    assert not contribution.is_editable
    assert "pas été retenue" in mails_to("contributrice@example.org")[-1].subject
    assert not Page.objects.get(pk=page.pk).live


def test_the_state_email_is_sent_once_even_if_the_task_runs_twice(
    contributor_client, contributor, fiche_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contributor_client.post("/contribuer/fiche/", fiche_data)
    event = Contribution.objects.get(author=contributor).events.get()
    sent = len(mails_to("contributrice@example.org"))
    contribution_state_email.call(event.pk)
    assert len(mails_to("contributrice@example.org")) == sent == 1
    assert event.__class__.objects.get(pk=event.pk).emailed_at is not None


def test_a_member_gets_no_wagtail_admin_email_about_their_proposal(
    contributor_client, contributor, reviewer_client, fiche_data, django_capture_on_commit_callbacks
):
    """Wagtail's rejection e-mail links to the admin, closed to members: ours replaces it."""
    with django_capture_on_commit_callbacks(execute=True):
        contributor_client.post("/contribuer/fiche/", fiche_data)
        page = Contribution.objects.get(author=contributor).page
        reviewer_client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{current_task_state(page).pk}/",
            {"comment": "À compléter."},
        )
    to_author = mails_to("contributrice@example.org")
    assert len(to_author) == 2
    assert all("/admin/" not in message.body for message in to_author)


def test_a_member_of_no_community_group_cannot_act_on_the_workflow(
    contributor_client, contributor, fiche_data
):
    contributor_client.post("/contribuer/fiche/", fiche_data)
    page = Contribution.objects.get(author=contributor).page
    other = make_user("autre-membre", "Membre")
    contributor_client.force_login(other)
    response = contributor_client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{current_task_state(page).pk}/"
    )
    assert response.status_code == 403
    assert not Page.objects.get(pk=page.pk).live
