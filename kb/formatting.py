"""Formats shared by several apps."""

import unicodedata


def timecode(seconds: int) -> str:
    """A time into a recording: 12:34, or 1:02:03 past the hour."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def alphabetical(text: str) -> str:
    """A sort key that files « Île-de-France » under I, as a reader expects (databases put
    accented capitals after Z)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
