"""Document uploads: allowed extensions only, content matching the extension, a size limit."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents import get_document_model
from wagtail.models import Collection

from demo.media import odt_bytes, pdf_bytes
from resources.uploads import check_upload
from tests.resources.conftest import PNG_1PX, office_zip, upload

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1"/></svg>'
DOCX = office_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = office_zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
PPTX = office_zip({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
ODS = office_zip({"content.xml": "<x/>"}, mimetype="application/vnd.oasis.opendocument.spreadsheet")
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour.\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("guide.pdf", pdf_bytes("Guide", ["ligne"])),
        ("modele.odt", odt_bytes("Modèle", ["ligne"])),
        ("compte-rendu.docx", DOCX),
        ("tableau.xlsx", XLSX),
        ("diapos.pptx", PPTX),
        ("tableau.ods", ODS),
        ("liste.csv", b"territoire;porteur\nGrenoble;Ville\n"),
        ("liste-windows.csv", "territoire;région\nArras;Hauts-de-France\n".encode("cp1252")),
        ("sous-titres.vtt", VTT),
        ("image.png", PNG_1PX),
        ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
    ],
)
def test_allowed_files_pass(name, data):
    check_upload(upload(name, data))


def test_real_videos_pass(tiny_webm, tiny_mp4):
    check_upload(upload("webinaire.webm", tiny_webm))
    check_upload(upload("webinaire.mp4", tiny_mp4))


def refusal(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data))
    return error.value


@pytest.mark.parametrize("name", ["page.html", "image.svg", "script.js", "programme.exe", "sans"])
def test_a_wrong_extension_is_refused_in_french(name):
    error = refusal(name, b"contenu")
    assert error.code == "extension"
    assert "Format refusé" in error.messages[0] and "pdf" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("guide.pdf", HTML),  # HTML renamed .pdf
        ("image.png", SVG),  # SVG renamed .png
        ("photo.jpg", SVG),
        ("video.mp4", HTML),
        ("video.webm", PNG_1PX),
        ("compte-rendu.docx", pdf_bytes("x", [])),  # a PDF renamed .docx
        ("modele.odt", DOCX),  # Word renamed .odt
        ("diapos.pptx", DOCX),  # Word renamed .pptx
        ("liste.csv", HTML),  # markup in a text format
        ("sous-titres.vtt", b"<svg onload=alert(1)>"),
        ("sous-titres.vtt", b"Bonjour, pas de WebVTT"),
        ("guide.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>"),
    ],
)
def test_content_that_does_not_match_its_extension_is_refused(name, data):
    error = refusal(name, data)
    assert error.code == "content"
    assert "ne correspond pas à son extension" in error.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    error = refusal("guide.pdf", pdf_bytes("Guide", ["x" * 90] * 40))
    assert error.code == "size" and "trop volumineux" in error.messages[0]


def test_an_empty_file_is_refused():
    assert refusal("guide.pdf", b"").code == "empty"


# -- through the Wagtail admin -----------------------------------------------------------


@pytest.fixture
def admin_client(client, animator):
    client.force_login(animator)
    return client


def collection_id():
    return Collection.get_first_root_node().pk


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("piege-guide.pdf", HTML, "ne correspond pas à son extension"),
        ("piege-logo.png", SVG, "ne correspond pas à son extension"),
        ("piege-page.html", HTML, "Format refusé"),
    ],
)
def test_the_admin_refuses_with_a_french_message_and_saves_nothing(
    admin_client, name, data, message, settings
):
    Document = get_document_model()
    before = Document.objects.count()
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Piège", "file": upload(name, data), "collection": collection_id(), "tags": ""},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == before
    stored = list((settings.MEDIA_ROOT / "documents").glob(name.rsplit(".", 1)[0] + "*"))
    assert stored == []


def test_the_admin_refuses_a_too_big_file(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    before = get_document_model().objects.count()
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Gros",
            "file": upload("gros.pdf", pdf_bytes("Gros", ["x" * 90] * 40)),
            "collection": collection_id(),
        },
    )
    assert response.status_code == 200
    assert get_document_model().objects.count() == before


def test_the_multiple_uploader_refuses_too(admin_client):
    before = get_document_model().objects.count()
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload("rapport.pdf", HTML), "collection": collection_id()},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "ne correspond pas à son extension" in data["error_message"]
    assert get_document_model().objects.count() == before


def test_the_admin_accepts_a_real_pdf(admin_client):
    Document = get_document_model()
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Guide valide",
            "file": upload("guide-valide.pdf", pdf_bytes("Guide", ["ligne"])),
            "collection": collection_id(),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Guide valide")
    assert document.file_extension == "pdf"
    document.file.delete(save=False)
