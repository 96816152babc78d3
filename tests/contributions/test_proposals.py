"""Proposing a fiche or a document: the forms, drafts, hostile input and the daily limit."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, WorkflowState

from contributions.models import Contribution
from kb.models import FichePage
from resources.models import ResourcePage
from tests.conftest import make_user
from tests.factories.contributions import ContributionFactory

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert('pdf')</script></body></html>"


def pdf(name="compte-rendu.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_contribute_pages_are_for_members_only(client, member_client):
    for url in ("/contribuer/", "/contribuer/fiche/", "/contribuer/document/"):
        assert client.get(url)["Location"].startswith("/connexion/")
        assert member_client.get(url).status_code == 200
    outsider = make_user("dehors")
    client.force_login(outsider)
    assert client.get("/contribuer/fiche/").status_code == 403


def test_the_fiche_form_preselects_the_members_territory(contributor_client, territory):
    page = contributor_client.get("/contribuer/fiche/").content.decode()
    assert f'value="{territory.slug}" checked' in page


def test_a_proposed_fiche_becomes_a_draft_page_in_review_owned_by_its_author(
    contributor_client, contributor, fiche_data, territory
):
    response = contributor_client.post("/contribuer/fiche/", fiche_data)
    contribution = Contribution.objects.get(author=contributor)
    assert response["Location"] == f"/mon-profil/contributions/{contribution.pk}/"
    assert contribution.state == Contribution.State.EN_RELECTURE
    assert contribution.territory == territory
    page = contribution.page.specific
    assert isinstance(page, FichePage) and not page.live and page.owner == contributor
    assert page.get_parent().specific_class.__name__ == "FicheIndexPage"
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.workflow.name == "Relecture par l'animation"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft = page.get_latest_revision_as_object()
    assert draft.chapo == fiche_data["chapo"]
    html = draft.body[0].value.source
    assert "<strong>caravane</strong>" in html and "<li>CAF</li>" in html
    assert [t.slug for t in draft.territories.all()] == [territory.slug]


def test_a_draft_needs_only_a_title_and_creates_no_page(contributor_client, contributor):
    response = contributor_client.post(
        "/contribuer/fiche/", {"action": "brouillon", "title": "Idée à compléter"}
    )
    contribution = Contribution.objects.get(author=contributor)
    assert response.status_code == 302
    assert contribution.state == Contribution.State.BROUILLON and contribution.page is None
    assert (
        not WorkflowState.objects.exists()
        or not WorkflowState.objects.filter(requested_by=contributor).exists()
    )
    # Completed later, it is proposed.
    edit = contributor_client.get(f"/mon-profil/contributions/{contribution.pk}/modifier/")
    assert "Idée à compléter" in edit.content.decode()


def test_proposing_an_incomplete_fiche_says_what_is_missing_and_keeps_what_was_typed(
    contributor_client, fiche_data
):
    incomplete = {**fiche_data, "chapo": "", "axis": ""}
    response = contributor_client.post("/contribuer/fiche/", incomplete)
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("Ce champ est obligatoire pour proposer.") == 2
    assert "La caravane des droits zorglubienne" in page
    assert "Second paragraphe" in page
    assert not Contribution.objects.filter(author__username="contributrice").exists()


def test_script_tags_are_neutralised_in_the_stored_and_shown_fiche(
    contributor_client, contributor, fiche_data
):
    hostile = {
        **fiche_data,
        "title": "<script>alert('titre')</script> Caravane",
        "body": "Texte <script>alert('corps')</script>\n\n[lien](javascript:alert(1))"
        '\n\n<img src=x onerror="alert(2)">',
    }
    contributor_client.post("/contribuer/fiche/", hostile)
    contribution = Contribution.objects.get(author=contributor)
    html = contribution.page.specific.get_latest_revision_as_object().body[0].value.source
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    detail = contributor_client.get(f"/mon-profil/contributions/{contribution.pk}/").content
    assert b"<script>alert" not in detail


def test_a_one_megabyte_body_is_refused_and_nothing_is_stored(contributor_client, fiche_data):
    response = contributor_client.post(
        "/contribuer/fiche/", {**fiche_data, "body": "abcdefghij " * 100_000}
    )
    assert response.status_code == 400
    assert "au plus 20000 caractères" in response.content.decode().replace("\u202f", "")
    assert not Contribution.objects.filter(author__username="contributrice").exists()
    assert not FichePage.objects.filter(title=fiche_data["title"]).exists()


def test_an_html_file_named_pdf_is_refused_and_nothing_is_stored(contributor_client, fiche_data):
    documents = get_document_model().objects.count()
    response = contributor_client.post(
        "/contribuer/fiche/", {**fiche_data, "attachments": [pdf("piege.pdf", HTML_AS_PDF)]}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "ne correspond pas à son extension" in page
    assert "La caravane des droits zorglubienne" in page  # what was typed is kept
    assert not Contribution.objects.filter(author__username="contributrice").exists()
    assert get_document_model().objects.count() == documents


def test_a_proposed_document_becomes_a_members_only_resource_draft(
    contributor_client, contributor, territory
):
    response = contributor_client.post(
        "/contribuer/document/",
        {
            "action": "proposer",
            "title": "Kit de la caravane",
            "description": "Le kit pour lancer une caravane des droits.",
            "kind": "kit",
            "axis": "aller-vers",
            "territories": [territory.slug],
            "visibility": "membres",
            "file": pdf(),
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get(author=contributor)
    page = contribution.page.specific
    assert isinstance(page, ResourcePage) and not page.live
    assert page.get_view_restrictions().exists()
    document = contribution.attachments.get().document
    assert document.collection.name == "Propositions en relecture"
    draft = page.get_latest_revision_as_object()
    assert [item.document for item in draft.documents.all()] == [document]


def test_a_document_proposal_without_its_file_is_refused(contributor_client, territory):
    response = contributor_client.post(
        "/contribuer/document/",
        {
            "action": "proposer",
            "title": "Kit sans fichier",
            "description": "…",
            "kind": "kit",
            "axis": "aller-vers",
            "territories": [territory.slug],
            "visibility": "public",
        },
    )
    assert response.status_code == 400
    assert "Joignez le document à proposer." in response.content.decode()
    assert not Contribution.objects.filter(author__username="contributrice").exists()


def test_twenty_proposals_a_day_at_most(contributor_client, contributor, fiche_data):
    ContributionFactory.create_batch(20, author=contributor)
    response = contributor_client.post("/contribuer/fiche/", fiche_data)
    assert response.status_code == 429
    page = response.content.decode()
    assert "le maximum par jour" in page and "La caravane des droits zorglubienne" in page
    assert Contribution.objects.filter(author=contributor).count() == 20
    # Yesterday's do not count.
    Contribution.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert contributor_client.post("/contribuer/fiche/", fiche_data).status_code == 302


def test_a_member_never_sees_nor_edits_someone_elses_proposal(member_client, contributor):
    contribution = ContributionFactory(author=contributor)
    for url in (
        f"/mon-profil/contributions/{contribution.pk}/",
        f"/mon-profil/contributions/{contribution.pk}/modifier/",
    ):
        assert member_client.get(url).status_code == 404
    assert (
        member_client.post(
            f"/mon-profil/contributions/{contribution.pk}/modifier/",
            {"action": "brouillon", "title": "Détournée"},
        ).status_code
        == 404
    )
    contribution.refresh_from_db()
    assert contribution.title != "Détournée"
    assert (
        contribution.title.encode() not in member_client.get("/mon-profil/contributions/").content
    )


def test_a_proposal_in_review_cannot_be_edited_by_its_author(
    contributor_client, contributor, fiche_data
):
    contributor_client.post("/contribuer/fiche/", fiche_data)
    contribution = Contribution.objects.get(author=contributor)
    response = contributor_client.post(
        f"/mon-profil/contributions/{contribution.pk}/modifier/", {**fiche_data, "title": "Autre"}
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.title == fiche_data["title"]


def test_a_member_cannot_publish_their_proposal(contributor_client, contributor, fiche_data):
    contributor_client.post("/contribuer/fiche/", fiche_data)
    page = Contribution.objects.get(author=contributor).page
    assert contributor_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 403
    assert contributor_client.post(f"/admin/pages/{page.pk}/publish/").status_code == 403
    assert not Page.objects.get(pk=page.pk).live


def test_every_form_needs_its_csrf_token(contributor, fiche_data):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(contributor)
    assert browser.post("/contribuer/fiche/", fiche_data).status_code == 403
    assert not Contribution.objects.filter(author__username="contributrice").exists()
