"""Demo files for the library, made on the spot (no binary in the repository).

Each deliverable gets a small real document (PDF, or OpenDocument text for templates), each
recording a PDF of slides; the video is a test pattern made with ffmpeg when it is installed
(`scripts/ensure-ffmpeg.sh`), kept in var/ so that it is built once per machine.
"""

import logging
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from kb import private_api
from kb.services import members_collection_get_or_create
from resources.models import ResourceDocument

logger = logging.getLogger(__name__)

DEMO_NOTE = "Document de démonstration, rédigé à partir du thème."
# Long enough for every demo transcript (the last cues are at 55 minutes).
DEMO_VIDEO_SECONDS = 56 * 60


def _pdf_text(text: str) -> str:
    data = text.encode("latin-1", errors="replace").decode("latin-1")
    return data.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A one-page PDF (Helvetica, WinAnsi text) with a title and a few lines."""
    content = ["BT", "/F1 16 Tf", "56 780 Td", f"({_pdf_text(title[:80])}) Tj", "/F1 11 Tf"]
    for line in [DEMO_NOTE, "", *lines][:45]:
        content += ["0 -18 Td", f"({_pdf_text(line[:95])}) Tj"]
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def odt_bytes(title: str, lines: list[str]) -> bytes:
    """A minimal OpenDocument text file."""
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in [DEMO_NOTE, *lines])
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text><text:h>{escape(title)}</text:h>{paragraphs}"
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def make_video(path: Path, seconds: int, size: str = "192x108") -> bool:
    """A WebM (VP8) test pattern showing its own clock, made with ffmpeg; False without it."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part.webm")
    command = [
        ffmpeg, "-v", "error", "-y", "-f", "lavfi",
        "-i", f"testsrc=size={size}:rate=1:duration={seconds}",
        "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "16", "-crf", "50",
        "-b:v", "16k", "-g", "60", "-an", str(partial),
    ]  # fmt: skip
    try:
        subprocess.run(command, check=True, timeout=300, capture_output=True)  # noqa: S603
    except (subprocess.SubprocessError, OSError) as error:
        logger.warning("Vidéo de démonstration non créée : %s", error)
        partial.unlink(missing_ok=True)
        return False
    partial.replace(path)
    return True


def demo_document(title: str, filename: str, data: bytes, collection=None):
    """The demo document with this title, created once (in the root collection by default)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    collection = collection or Collection.get_first_root_node()
    storage = Document._meta.get_field("file").storage
    path = f"documents/{filename}"
    if storage.exists(path) and storage.size(path) == len(data):
        document = Document(title=title, file=path, collection=collection)  # left by a load
    else:
        document = Document(
            title=title, file=ContentFile(data, name=filename), collection=collection
        )
    private_api.set_document_file_metadata(document)
    document.save()
    return document


def demo_video():
    """The shared demo video document, or None when ffmpeg is not available."""
    Document = get_document_model()
    title = "Vidéo de démonstration (mire)"
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    cached = Path(settings.VAR_DIR) / "demo" / f"mire-{DEMO_VIDEO_SECONDS}s.webm"
    if not cached.exists() and not make_video(cached, DEMO_VIDEO_SECONDS):
        logger.warning("ffmpeg absent : les enregistrements de démonstration n'ont pas de vidéo.")
        return None
    return demo_document(title, "webinaire-demo.webm", cached.read_bytes())


def resource_documents(item: dict) -> list:
    """The documents of a demo deliverable (ResourceDocument rows, not yet saved); those of a
    members-only deliverable go to the members-only collection."""
    slug, title = item["slug"], item["title"]
    private = members_collection_get_or_create() if item.get("members_only") else None
    lines = [item["summary"][i : i + 90] for i in range(0, len(item["summary"]), 90)]
    if item["kind"] == "video":
        video = demo_video()
        return [ResourceDocument(document=video, title=title)] if video else []
    if item["kind"] == "modele":
        document = demo_document(title, f"{slug}.odt", odt_bytes(title, lines), private)
    else:
        document = demo_document(title, f"{slug}.pdf", pdf_bytes(title, lines), private)
    return [ResourceDocument(document=document)]
