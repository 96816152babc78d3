"""What publication changes: the credit (territory, name as the directory shows it), the
proposed files' privacy, and « Mon profil »."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from contributions.models import Contribution
from directory.models import Coordinator
from tests.contributions.test_proposals import PDF

pytestmark = pytest.mark.django_db


def approve(page, reviewer) -> None:
    state = WorkflowState.objects.active().get(object_id=str(page.pk))
    state.current_task_state.specific.approve(user=reviewer)


def propose_document(browser, territory, visibility: str) -> Contribution:
    browser.post(
        "/contribuer/document/",
        {
            "action": "proposer",
            "title": f"Kit {visibility}",
            "description": "Un kit.",
            "kind": "kit",
            "axis": "aller-vers",
            "territories": [territory.slug],
            "visibility": visibility,
            "file": SimpleUploadedFile("kit.pdf", PDF, content_type="application/pdf"),
        },
    )
    return Contribution.objects.get(title=f"Kit {visibility}")


def test_a_proposed_file_is_for_animators_only_until_publication(
    client,
    member_client,
    contributor_client,
    reviewer_client,
    territory,
    reviewer,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    contribution = propose_document(contributor_client, territory, "public")
    document = contribution.attachments.get().document
    assert member_client.get(document.url).status_code != 200
    assert client.get(document.url).status_code != 200
    assert reviewer_client.get(document.url).status_code == 200
    approve(contribution.page, reviewer)
    document.refresh_from_db()
    assert document.collection.is_root()
    assert client.get(document.url).status_code == 200
    assert client.get(contribution.page.url).status_code == 200


def test_a_members_only_document_stays_members_only_once_published(
    client, member_client, contributor_client, territory, reviewer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    contribution = propose_document(contributor_client, territory, "membres")
    approve(contribution.page, reviewer)
    document = contribution.attachments.get().document
    document.refresh_from_db()
    assert document.collection.name == "Réservé aux membres"
    assert client.get(document.url).status_code != 200
    assert member_client.get(document.url).status_code == 200
    assert client.get(contribution.page.url)["Location"].startswith("/connexion/")
    assert member_client.get(contribution.page.url).status_code == 200


def test_the_credit_names_the_author_only_while_the_directory_shows_them(
    member_client, contributor_client, contributor, fiche_data, reviewer
):
    contributor_client.post("/contribuer/fiche/", fiche_data)
    page = Contribution.objects.get(author=contributor).page
    approve(page, reviewer)
    shown = member_client.get(page.url).content.decode()
    assert "Proposée par Camille Contributrice, " in shown
    # Not confirmed for 15 months: hidden from the directory, and from the credit.
    Coordinator.objects.filter(user=contributor).update(
        last_confirmed=datetime.date.today() - datetime.timedelta(days=500)
    )
    hidden = member_client.get(page.url).content.decode()
    assert "Proposée par" in hidden and "Camille Contributrice" not in hidden
    # Deleted entry: the territory recorded at submission stays.
    Coordinator.objects.filter(user=contributor).delete()
    assert "Territoire contributeur" in member_client.get(page.url).content.decode()


def test_my_profile_links_to_my_contributions(contributor_client, fiche_data):
    contributor_client.post("/contribuer/fiche/", fiche_data)
    profile = contributor_client.get("/mon-profil/").content.decode()
    assert "Mes contributions" in profile and fiche_data["title"] in profile
    assert profile.count('href="/mon-profil/contributions/"') == 1  # the section, once
