import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from kb import private_api

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def ffmpeg_or_skip() -> str:
    """ffmpeg, installed from Debian packages by scripts/ensure-ffmpeg.sh when missing."""
    if shutil.which("ffmpeg") is None:
        subprocess.run(  # noqa: S603 — our own script
            ["/bin/bash", str(SCRIPTS / "ensure-ffmpeg.sh")], check=False, timeout=900
        )
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed and could not be installed (scripts/ensure-ffmpeg.sh)")
    return ffmpeg


def _encode(tmp_path_factory, name: str, codec: list[str]) -> bytes:
    ffmpeg = ffmpeg_or_skip()
    path = tmp_path_factory.mktemp("video") / name
    subprocess.run(  # noqa: S603 — fixed arguments
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x36:rate=10:duration=3",
         *codec, "-an", str(path)],
        check=True,
        timeout=120,
    )  # fmt: skip
    return path.read_bytes()


@pytest.fixture(scope="session")
def tiny_webm(tmp_path_factory) -> bytes:
    """A real three-second WebM (VP8) video."""
    return _encode(tmp_path_factory, "tiny.webm", ["-c:v", "libvpx", "-b:v", "50k"])


@pytest.fixture(scope="session")
def tiny_mp4(tmp_path_factory) -> bytes:
    """A real three-second MP4 (H.264) video."""
    return _encode(
        tmp_path_factory,
        "tiny.mp4",
        ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    )


@pytest.fixture
def video_document(db, tiny_webm):
    Document = get_document_model()
    document = Document(title="Vidéo de test", file=ContentFile(tiny_webm, name="test.webm"))
    private_api.set_document_file_metadata(document)
    document.save()
    yield document
    document.file.delete(save=False)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def office_zip(parts: dict[str, str], *, mimetype: str | None = None) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if mimetype:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082"
)
