"""Checks on uploaded documents: allowed extension, size limit, and content matching the extension.

The extension list (WAGTAILDOCS_EXTENSIONS) and the size limit (WAGTAILDOCS_MAX_UPLOAD_SIZE) come
from settings. The content is recognised by its signature with `puremagic` (pure Python, no
system library); office files are ZIP archives, recognised by their inner parts with `zipfile`.
An HTML or SVG file renamed `.pdf` or `.png` is refused.

Archives are never inflated: only their directory is read (the entry count from the end
record first, so a directory of millions of entries is not even parsed), the sizes it
declares are checked (total and compression ratio, against zip bombs), and the one member
read, the OpenDocument `mimetype`, is read up to a few dozen bytes.
"""

import re
import struct
import zipfile

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

HEAD_BYTES = 64 * 1024
# Signatures (puremagic extensions) accepted for each allowed extension.
SIGNATURES = {
    "pdf": {".pdf"},
    "png": {".png"},
    "jpg": {".jpg", ".jpeg", ".jfif"},
    "jpeg": {".jpg", ".jpeg", ".jfif"},
    "mp4": {".mp4", ".m4v", ".m4a", ".mov", ".3gp", ".f4v"},
    "webm": {".webm", ".mkv"},
}
OPEN_DOCUMENT = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OFFICE_OPEN_XML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
MAX_ARCHIVE_ENTRIES = 10_000
# Office files compress XML some tens of times; a ratio over this, on more than
# RATIO_FREE_BYTES, is a bomb (and no office suite would open it either).
MAX_COMPRESSION_RATIO = 100
RATIO_FREE_BYTES = 10 * 1024 * 1024
MIMETYPE_PREFIX = 100
TEXT_FORMATS = {"csv", "vtt", "txt"}
MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)\b", re.I
)
FORMAT_NAMES = {
    "pdf": "PDF",
    "odt": "texte OpenDocument",
    "ods": "classeur OpenDocument",
    "odp": "présentation OpenDocument",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "csv": "CSV",
    "vtt": "WebVTT",
    "mp4": "vidéo MP4",
    "webm": "vidéo WebM",
    "png": "image PNG",
    "jpg": "image JPEG",
    "jpeg": "image JPEG",
}


def allowed_extensions() -> list[str]:
    return [ext.lower() for ext in settings.WAGTAILDOCS_EXTENSIONS]


def max_upload_size() -> int | None:
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(uploaded) -> None:
    """Raise a French ValidationError unless the file is allowed, small enough and what it says."""
    extension = extension_of(uploaded.name or "")
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            "Format refusé : les fichiers « .%(ext)s » ne sont pas acceptés. "
            "Formats acceptés : %(allowed)s.",
            code="extension",
            params={"ext": extension or "(sans extension)", "allowed": ", ".join(allowed)},
        )
    limit = max_upload_size()
    if limit is not None and uploaded.size > limit:
        raise ValidationError(
            "Fichier trop volumineux (%(size)s) : la limite est de %(limit)s.",
            code="size",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    if uploaded.size == 0:
        raise ValidationError("Le fichier est vide.", code="empty")
    if extension in OPEN_DOCUMENT or extension in OFFICE_OPEN_XML:
        check_archive(uploaded)
    if not content_matches(uploaded, extension):
        raise ValidationError(
            "Le contenu du fichier ne correspond pas à son extension « .%(ext)s » "
            "(un fichier %(format)s est attendu). Vérifiez le fichier ou exportez-le à nouveau.",
            code="content",
            params={"ext": extension, "format": FORMAT_NAMES.get(extension, extension.upper())},
        )


def check_archive(uploaded) -> None:
    """Refuse, in French, an archive whose declared contents are too many or too large."""
    problem = _archive_problem(uploaded)
    uploaded.seek(0)
    if problem:
        raise ValidationError(
            "Archive refusée : %(problem)s. Enregistrez à nouveau le document depuis votre "
            "logiciel de bureautique.",
            code="archive",
            params={"problem": problem},
        )


def _archive_problem(uploaded) -> str:
    entries = _declared_entry_count(uploaded)
    if entries is None:
        return ""  # not a ZIP archive at all: content_matches says so
    if entries == ZIP64:
        return "elle dépasse 65 535 fichiers ou 4 Go"
    if entries > MAX_ARCHIVE_ENTRIES:
        return f"elle contient {entries} fichiers (limite : {MAX_ARCHIVE_ENTRIES})"
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return ""
    limit = settings.TZNR_UNZIPPED_MAX_BYTES
    if declared > limit:
        return (
            f"une fois décompressée, elle occuperait {filesizeformat(declared)} "
            f"(limite : {filesizeformat(limit)})"
        )
    if declared > RATIO_FREE_BYTES and declared > MAX_COMPRESSION_RATIO * uploaded.size:
        return (
            f"son contenu est comprimé plus de {MAX_COMPRESSION_RATIO} fois "
            f"({filesizeformat(uploaded.size)} pour {filesizeformat(declared)})"
        )
    return ""


ZIP64 = -1


def _declared_entry_count(uploaded) -> int | None:
    """The entry count of the archive's end record, read from its last 64 KB; None when there
    is no end record, ZIP64 for an archive that needs ZIP64 records (over 65,535 entries or
    4 GB), far past anything an office file needs."""
    size = uploaded.size
    tail_size = min(size, 22 + 65535)
    uploaded.seek(size - tail_size)
    tail = uploaded.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if entries == 0xFFFF or b"PK\x06\x07" in tail[max(0, at - 20) : at]:
        return ZIP64
    return entries


def content_matches(uploaded, extension: str) -> bool:
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    try:
        if extension in OPEN_DOCUMENT or extension in OFFICE_OPEN_XML:
            return _zip_matches(uploaded, extension)
        if extension in TEXT_FORMATS:
            return _text_matches(head, extension)
        expected = SIGNATURES.get(extension)
        if expected is None:
            return not _is_markup(head)
        return bool(_signature(head) & expected) and not _is_markup(head[:1024])
    finally:
        uploaded.seek(0)


def _signature(head: bytes) -> set[str]:
    try:
        return {match.extension.lower() for match in puremagic.magic_string(head)}
    except puremagic.PureError:
        return set()


def _is_markup(head: bytes) -> bool:
    return bool(MARKUP.search(head)) or bool(_signature(head) & {".html", ".htm", ".svg", ".xml"})


def _text_matches(head: bytes, extension: str) -> bool:
    if b"\x00" in head or MARKUP.search(head):
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A cut in the middle of a character at the end of the sample is fine.
        if error.start < len(head) - 4:
            if extension != "csv":
                return False
            text = head.decode("cp1252", errors="replace")
        else:
            text = head[: error.start].decode("utf-8-sig")
    if extension == "vtt":
        return text.startswith("WEBVTT")
    return True


def _zip_matches(uploaded, extension: str) -> bool:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if extension in OPEN_DOCUMENT:
                if "mimetype" not in names:
                    return False
                with archive.open("mimetype") as member:
                    mimetype = member.read(MIMETYPE_PREFIX + 1)
                if len(mimetype) > MIMETYPE_PREFIX:
                    return False
                mimetype = mimetype.decode("ascii", errors="replace").strip()
                return mimetype == OPEN_DOCUMENT[extension]
            prefix = OFFICE_OPEN_XML[extension]
            return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError):
        return False
