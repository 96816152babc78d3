"""WebVTT transcripts: parsing and display helpers."""

import io
from dataclasses import dataclass

import webvtt


@dataclass(frozen=True)
class Cue:
    seconds: int
    text: str

    @property
    def label(self) -> str:
        minutes, seconds = divmod(self.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def parse_transcript(text: str) -> list[Cue]:
    """Cues of a WebVTT document; raises webvtt.errors.MalformedFileError when invalid."""
    if not text.strip():
        return []
    captions = webvtt.from_buffer(io.StringIO(text))
    return [Cue(seconds=int(c.start_in_seconds), text=" ".join(c.text.split())) for c in captions]


def transcript_text(text: str) -> str:
    """Plain text of a transcript, for indexing; an invalid file indexes as nothing."""
    from webvtt.errors import MalformedFileError

    try:
        return "\n".join(cue.text for cue in parse_transcript(text))
    except MalformedFileError:
        return ""
