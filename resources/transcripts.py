"""WebVTT transcripts: strict reading with line numbers, display helpers.

webvtt-py parses leniently and reports errors without a position, so the file is walked
here, following the WebVTT syntax: the walk names the first wrong line in French and gives
the cues (their text as webvtt-py's `Caption.text` gives it, checked against it in the tests).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from webvtt.errors import MalformedFileError

from kb.formatting import timecode

TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
TIMING = re.compile(rf"^({TIMESTAMP})[ \t]+-->[ \t]+({TIMESTAMP})(?:[ \t].*)?$")
EXAMPLE = "00:01:02.000 --> 00:01:05.500"
LOOKS_LIKE_TIMING = re.compile(r"^\s*[\d:.,]+\s*(?:-+>|→|–|-)")
# Cues closer than this in time are joined into one paragraph on the recording page.
PARAGRAPH_GAP = 8
PARAGRAPH_CUES = 5


class TranscriptError(MalformedFileError):
    """An invalid transcript; `line` is the 1-based line at fault (0 when it is the whole file)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line


def max_transcript_bytes() -> int:
    return getattr(settings, "TZNR_TRANSCRIPT_MAX_BYTES", 2 * 1024 * 1024)


def _seconds(stamp: str) -> float:
    parts = stamp.split(":")
    if len(parts) == 2:
        parts.insert(0, "0")
    hours, minutes, secs = parts
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


@dataclass(frozen=True)
class Cue:
    seconds: int
    text: str
    end: int = 0

    @property
    def label(self) -> str:
        return timecode(self.seconds)


def normalize(text: str) -> str:
    """The transcript as stored: no byte-order mark, Unix line ends."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode_transcript(data: bytes) -> str:
    """Text of an uploaded WebVTT file (UTF-8, as the format requires), size checked."""
    limit = max_transcript_bytes()
    if len(data) > limit:
        raise TranscriptError(
            f"Le fichier de transcription est trop volumineux ({len(data) // 1024} Ko) : "
            f"la limite est de {limit // 1024} Ko."
        )
    if not data.strip():
        raise TranscriptError("Le fichier de transcription est vide.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TranscriptError(
            f"Ligne {line} : le fichier n'est pas encodé en UTF-8 "
            "(enregistrez-le en UTF-8 depuis votre éditeur).",
            line,
        ) from error


def check_webvtt(text: str) -> int:
    """Raise TranscriptError at the first line breaking the WebVTT syntax; return the cue count."""
    return sum(1 for _ in _cues(text))


def _strip_tags(line: str) -> str:
    """The line without cue tags (`<v Anne>`, `<i>`…), as `re.sub("<.*?>", "", line)` but linear."""
    if "<" not in line:
        return line
    kept, position = [], 0
    while (start := line.find("<", position)) != -1:
        end = line.find(">", start + 1)
        if end == -1:
            break
        kept.append(line[position:start])
        position = end + 1
    kept.append(line[position:])
    return "".join(kept)


def _cues(text: str) -> Iterator[tuple[float, float, list[str]]]:
    """(start, end, text lines) of each cue; raises TranscriptError at the first wrong line."""
    if len(text.encode("utf-8")) > max_transcript_bytes():
        raise TranscriptError(
            f"La transcription dépasse la limite de {max_transcript_bytes() // 1024} Ko."
        )
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "\x00" in text:
        line = next(n for n, content in enumerate(lines, start=1) if "\x00" in content)
        raise TranscriptError(f"Ligne {line} : caractère nul interdit.", line)
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise TranscriptError(
            f"Ligne 1 : un fichier WebVTT doit commencer par « WEBVTT » (trouvé « {first[:40]} »).",
            1,
        )
    number = 1
    # The header runs to the first blank line.
    while number < len(lines) and lines[number].strip():
        if "-->" in lines[number]:
            raise TranscriptError(
                f"Ligne {number + 1} : une ligne vide doit séparer « WEBVTT » du premier repère.",
                number + 1,
            )
        number += 1
    cues, previous_start = 0, 0.0
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        start_line = number
        block = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        head = block[0]
        if head == "NOTE" or head.startswith(("NOTE ", "NOTE\t")):
            continue
        if head in {"STYLE", "REGION"} and cues == 0:
            continue
        timing_index = 0 if "-->" in head else 1
        if timing_index == 1 and LOOKS_LIKE_TIMING.match(head):
            if len(block) < 2 or "-->" not in block[1]:
                raise TranscriptError(
                    f"Ligne {start_line + 1} : horodatage invalide « {head.strip()[:60]} » ; "
                    f"format attendu « {EXAMPLE} ».",
                    start_line + 1,
                )
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            faulty = (
                start_line + 1 + min(timing_index, len(block) - 1) + (timing_index >= len(block))
            )
            raise TranscriptError(
                f"Ligne {faulty} : ligne de temps attendue, au format « {EXAMPLE} ».", faulty
            )
        timing_line = start_line + timing_index + 1
        match = TIMING.match(block[timing_index].strip())
        if match is None:
            raise TranscriptError(
                f"Ligne {timing_line} : horodatage invalide "
                f"« {block[timing_index].strip()[:60]} » ; format attendu « {EXAMPLE} ».",
                timing_line,
            )
        start, end = _seconds(match.group(1)), _seconds(match.group(2))
        if end <= start:
            raise TranscriptError(
                f"Ligne {timing_line} : la fin du repère ({match.group(2)}) doit suivre son début "
                f"({match.group(1)}).",
                timing_line,
            )
        if start < previous_start:
            raise TranscriptError(
                f"Ligne {timing_line} : les repères doivent se suivre dans l'ordre du temps "
                f"({match.group(1)} vient après un repère plus tardif).",
                timing_line,
            )
        for offset, content in enumerate(block[timing_index + 1 :], start=timing_index + 1):
            if "-->" in content:
                faulty = start_line + offset + 1
                raise TranscriptError(
                    f"Ligne {faulty} : « --> » ne peut pas figurer dans le texte d'un repère "
                    "(une ligne vide manque-t-elle avant ?).",
                    faulty,
                )
        previous_start = start
        cues += 1
        yield start, end, block[timing_index + 1 :]


def parse_transcript(text: str) -> list[Cue]:
    """Cues of a WebVTT document; raises TranscriptError (a MalformedFileError) when invalid."""
    if not text.strip():
        return []
    cues = []
    for start, end, lines in _cues(text):
        words = " ".join(" ".join(_strip_tags(line) for line in lines).split())
        if words:
            cues.append(Cue(seconds=int(start), text=words, end=int(end)))
    return cues


def safe_cues(text: str) -> list[Cue]:
    """Cues for display and indexing; an invalid stored transcript gives none."""
    try:
        return parse_transcript(text)
    except MalformedFileError:
        return []


def transcript_text(text: str) -> str:
    """Plain text of a transcript, for indexing; an invalid file indexes as nothing."""
    return "\n".join(cue.text for cue in safe_cues(text))


def paragraphs(cues: list[Cue], chapter_starts: list[int] = ()) -> list[list[Cue]]:
    """Cues grouped into readable paragraphs: a new one at a pause, a chapter, or every few cues."""
    groups: list[list[Cue]] = []
    starts = sorted(chapter_starts)
    for cue in cues:
        current = groups[-1] if groups else None
        new_chapter = current and any(current[-1].seconds < s <= cue.seconds for s in starts)
        pause = current and cue.seconds - max(current[-1].end, current[-1].seconds) > PARAGRAPH_GAP
        if current is None or new_chapter or pause or len(current) >= PARAGRAPH_CUES:
            groups.append([cue])
        else:
            current.append(cue)
    return groups
