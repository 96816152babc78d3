"""A member's proposals in « Mon profil »'s JSON download (kb.personal_data), and what deleting
their account does to them (README « Contributions et essaimage »)."""

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page

from contributions.models import Contribution, ContributionEvent
from tests.contributions.test_proposals import pdf
from tests.contributions.test_publication import approve

pytestmark = pytest.mark.django_db


def draft_with_file(browser) -> Contribution:
    response = browser.post(
        "/contribuer/fiche/",
        {"action": "brouillon", "title": "Mon brouillon", "attachments": pdf("mes-notes.pdf")},
    )
    assert response.status_code == 302
    return Contribution.objects.get(title="Mon brouillon")


def test_the_download_holds_the_members_proposals_and_only_theirs(
    contributor_client, member_client, fiche_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    contributor_client.post("/contribuer/fiche/", fiche_data)
    draft_with_file(contributor_client)
    data = contributor_client.get("/mon-profil/mes-donnees.json").json()
    proposals = {p["titre"]: p for p in data["contributions"]["propositions"]}
    sent = proposals[fiche_data["title"]]
    assert sent["type"] == "Fiche pratique" and sent["état"] == "En relecture"
    assert sent["territoire"] == "Territoire contributeur"
    assert sent["contenu proposé"]["body"] == fiche_data["body"]
    assert [step["état"] for step in sent["historique"]] == ["En relecture"]
    assert sent["page"] is None  # not published
    assert proposals["Mon brouillon"]["état"] == "Brouillon"
    assert proposals["Mon brouillon"]["pièces jointes"] == ["mes-notes.pdf"]
    assert member_client.get("/mon-profil/mes-donnees.json").json()["contributions"] == {
        "propositions": []
    }


def test_deleting_the_account_deletes_its_proposals_and_their_unsent_files(
    client,
    contributor,
    contributor_client,
    fiche_data,
    reviewer,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    contributor_client.post("/contribuer/fiche/", fiche_data)
    published = Contribution.objects.get(title=fiche_data["title"])
    approve(published.page, reviewer)
    assert "Proposée par" in client.get(published.page.url).content.decode()
    in_review = fiche_data | {"title": "Une autre caravane en relecture"}
    contributor_client.post("/contribuer/fiche/", in_review)
    waiting = Contribution.objects.get(title=in_review["title"])
    draft = draft_with_file(contributor_client)
    draft_file = draft.attachments.get().document
    path = tmp_path / draft_file.file.name
    assert path.exists()
    pages = {"published": published.page_id, "waiting": waiting.page_id}

    with django_capture_on_commit_callbacks(execute=True):
        contributor.delete()

    assert not Contribution.objects.exists() and not ContributionEvent.objects.exists()
    assert not get_document_model().objects.filter(pk=draft_file.pk).exists()
    assert not path.exists()  # Wagtail deletes the file with its document
    # What was sent for publication is the site's: the published fiche stays, uncredited; the
    # page in review stays with the animators, who publish or delete it.
    live = Page.objects.get(pk=pages["published"])
    assert live.live and "Proposée par" not in client.get(live.url).content.decode()
    waiting_page = Page.objects.get(pk=pages["waiting"])
    assert not waiting_page.live and waiting_page.owner is None
