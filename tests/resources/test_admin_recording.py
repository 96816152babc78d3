"""Adding a recording in the admin: the WebVTT upload is checked; a bad file saves nothing."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from resources.models import RecordingPage, ResourceIndexPage
from tests.factories.resources import RecordingPageFactory
from tests.resources.conftest import upload

pytestmark = pytest.mark.django_db

VALID = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBonjour.\n\n"
    "00:12:34.000 --> 00:12:38.000\nLes bailleurs sociaux.\n"
)


@pytest.fixture
def admin_client(client, animator, site_tree):
    client.force_login(animator)
    return client


def add_url() -> str:
    return f"/admin/pages/add/resources/recordingpage/{ResourceIndexPage.objects.get().pk}/"


def form(title: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "webinaire-test-admin",
            "summary": "Résumé.",
            "speakers": "",
            "video_url": "",
            "chapters": streamfield([]),
            "transcript": "",
            "tags": "",
            "comments": inline_formset([]),
            "action-publish": "publish",
            **extra,
        }
    )


def test_a_valid_vtt_file_becomes_the_transcript(admin_client):
    data = form("Webinaire valide", transcript_file=upload("t.vtt", VALID.encode(), "text/vtt"))
    response = admin_client.post(add_url(), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = RecordingPage.objects.get(title="Webinaire valide")
    assert page.live and page.transcript == VALID


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (VALID.replace("00:12:34.000 --> 00:12:38.000", "00:12:34 -> 00:12:38"), "Ligne 6 :"),
        (b"Bonjour".decode(), "Ligne 1 :"),
        ("", "vide"),
        ("WEBVTT\n\nNOTE rien\n", "aucun repère"),
    ],
)
def test_an_invalid_vtt_file_is_refused_with_its_line_and_nothing_is_saved(
    admin_client, content, message
):
    pages_before = RecordingPage.objects.count()
    data = form("Webinaire refusé", transcript_file=upload("t.vtt", content.encode(), "text/vtt"))
    response = admin_client.post(add_url(), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert RecordingPage.objects.count() == pages_before
    assert not RecordingPage.objects.filter(title="Webinaire refusé").exists()


def test_a_transcript_that_is_not_a_vtt_file_is_refused(admin_client):
    data = form(
        "Webinaire srt", transcript_file=upload("t.srt", b"1\n00:00:01,000 --> 00:00:02,000\nX")
    )
    response = admin_client.post(add_url(), data)
    assert response.status_code == 200
    assert "extension « .vtt »" in response.content.decode()


def test_pasted_transcript_text_is_checked_too(admin_client):
    data = form("Webinaire collé", transcript="WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nA\n")
    response = admin_client.post(add_url(), data)
    assert response.status_code == 200
    assert "Ligne 3 :" in response.content.decode()
    assert not RecordingPage.objects.filter(title="Webinaire collé").exists()


def test_an_edit_with_a_bad_file_keeps_the_published_transcript(admin_client):
    page = RecordingPageFactory(parent=ResourceIndexPage.objects.get())
    before, revisions = page.transcript, page.revisions.count()
    bad = upload("t.vtt", b"WEBVTT\n\n00:00:09.000 --> 00:00:01.000\nA\n")
    data = form(
        page.title,
        slug=page.slug,
        summary=page.summary,
        transcript=page.transcript,
        transcript_file=bad,
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "Ligne 3 :" in response.content.decode()
    page.refresh_from_db()
    assert page.transcript == before and page.revisions.count() == revisions


def test_pasted_text_with_windows_line_ends_is_stored_with_unix_ones(admin_client):
    data = form("Webinaire CRLF", transcript=VALID.replace("\n", "\r\n"))
    assert admin_client.post(add_url(), data).status_code == 302
    assert RecordingPage.objects.get(title="Webinaire CRLF").transcript == VALID.strip()
