"""Office uploads are ZIP archives: they are checked from the sizes they declare and a few
bytes, never inflated, and a bomb is refused in French with nothing stored.

The bombs are real archives: deflate squeezes 300 MB of spaces into 300 KB.
"""

import io
import random
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents import get_document_model
from wagtail.models import Collection

from demo.media import odt_bytes
from resources.uploads import check_upload
from tests.resources.conftest import upload

ODT_TYPE = b"application/vnd.oasis.opendocument.text"
SPACES = 300  # MB of spaces inflated by the bombs
MAX_PEAK = 10 * 1024 * 1024  # what checking one of them may allocate, at most


def archive(members: dict[str, bytes | int]) -> bytes:
    """A deflated archive; an int member is that many MB of spaces, streamed in."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_file:
        for name, content in members.items():
            with zip_file.open(name, "w") as member:
                if isinstance(content, bytes):
                    member.write(content)
                    continue
                megabyte = b" " * (1 << 20)
                for _ in range(content):
                    member.write(megabyte)
    return out.getvalue()


@pytest.fixture(scope="module")
def mimetype_bomb() -> bytes:
    """The probe's bomb: the `mimetype` entry says the right type, then 300 MB of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_file:
        with zip_file.open("mimetype", "w") as member:
            member.write(ODT_TYPE)
            megabyte = b" " * (1 << 20)
            for _ in range(SPACES):
                member.write(megabyte)
        zip_file.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


@pytest.fixture(scope="module")
def content_bomb() -> bytes:
    return archive({"mimetype": ODT_TYPE, "content.xml": SPACES})


def refusal_without_inflating(name: str, data: bytes) -> ValidationError:
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            check_upload(upload(name, data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_PEAK, f"{peak / 1e6:.0f} MB allocated: the archive was inflated"
    return error.value


def test_a_mimetype_followed_by_300_mb_of_spaces_is_refused_without_inflating(mimetype_bomb):
    assert len(mimetype_bomb) < 1024 * 1024
    error = refusal_without_inflating("compte-rendu.odt", mimetype_bomb)
    assert error.code == "archive"
    assert "Archive refusée" in error.messages[0]
    assert "comprimé plus de 100 fois" in error.messages[0]


def test_a_huge_highly_compressed_member_is_refused_without_inflating(content_bomb):
    error = refusal_without_inflating("compte-rendu.odt", content_bomb)
    assert error.code == "archive" and "comprimé plus de 100 fois" in error.messages[0]


def test_the_same_bomb_as_a_word_file_is_refused():
    data = archive(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "x": SPACES}
    )
    assert refusal_without_inflating("rapport.docx", data).code == "archive"


def test_a_declared_size_over_the_limit_is_refused(settings):
    settings.TZNR_UNZIPPED_MAX_BYTES = 1024 * 1024
    noise = random.Random(4)  # noqa: S311 (reproducible test data)
    digits = "".join(noise.choices("0123456789", k=2 * 1024 * 1024)).encode()
    data = archive({"mimetype": ODT_TYPE, "content.xml": digits})  # compresses ~2.3 times
    error = refusal_without_inflating("tableau.odt", data)
    assert error.code == "archive"
    assert "une fois décompressée, elle occuperait 2,0" in error.messages[0]


def test_an_archive_of_ten_thousand_files_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zip_file:
        zip_file.writestr("[Content_Types].xml", "<Types/>")
        for number in range(10_001):
            zip_file.writestr(f"ppt/slides/s{number}.xml", "")
    error = refusal_without_inflating("diapos.pptx", out.getvalue())
    assert error.code == "archive" and "10002 fichiers" in error.messages[0]


def test_an_ordinary_opendocument_file_still_passes():
    check_upload(upload("modele.odt", odt_bytes("Modèle", ["ligne"] * 500)))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/documents/add/", "/admin/documents/multiple/add/"])
def test_the_admin_refuses_the_bomb_and_stores_nothing(
    client, animator, mimetype_bomb, url, settings
):
    client.force_login(animator)
    Document = get_document_model()
    before = Document.objects.count()
    field = "files[]" if "multiple" in url else "file"
    response = client.post(
        url,
        {
            "title": "Bombe",
            field: upload("bombe-compte-rendu.odt", mimetype_bomb),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    page = response.json()["error_message"] if "multiple" in url else response.content.decode()
    assert "Archive refusée" in page
    assert Document.objects.count() == before
    assert list((settings.MEDIA_ROOT / "documents").glob("bombe-compte-rendu*")) == []
