"""Text helpers shared by the engines: normalising user input, snippets, suggestions."""

import difflib
import re
import unicodedata

from django.utils.html import escape

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220
WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(text: str) -> str:
    """User text reduced to words: no operator or quote ever reaches an engine's parser."""
    text = text.replace("\x00", " ")[: MAX_QUERY_LENGTH * 4]
    return " ".join(WORD.findall(text))[:MAX_QUERY_LENGTH].strip()


class _FoldTable(dict):
    """Character → character without accents, filled on first sight (for str.translate)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = self[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents, character by character (long texts: one translate call)."""
    return text.lower().translate(_FOLD_TABLE)


def snippet(text: str, query: str, length: int = SNIPPET_LENGTH) -> str:
    """An escaped extract of `text` around the first query word, with words marked."""
    words = [fold(w) for w in WORD.findall(query) if len(w) > 2]
    flat = " ".join(text.split())
    folded = fold(flat)
    start = 0
    if words:
        positions = [folded.find(w) for w in words if folded.find(w) >= 0]
        if positions:
            start = max(0, min(positions) - length // 3)
    extract = flat[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(flat) else ""
    return prefix + mark(extract, words) + suffix


def mark(text: str, folded_words: list[str]) -> str:
    if not folded_words:
        return escape(text)
    folded = fold(text)
    pattern = re.compile(
        "|".join(re.escape(w) for w in sorted(folded_words, key=len, reverse=True))
    )
    pieces, last = [], 0
    # fold() keeps one character per character for Latin text, so offsets line up.
    if len(folded) != len(text):
        return escape(text)
    for match in pattern.finditer(folded):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def did_you_mean(query: str, vocabulary: set[str]) -> str:
    """A close spelling of the query built from known words, or '' when none is better."""
    words = WORD.findall(query.lower())
    folded_vocabulary = {fold(word): word for word in vocabulary if len(word) > 2}
    corrected, changed = [], False
    for word in words:
        if fold(word) in folded_vocabulary:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(fold(word), folded_vocabulary.keys(), n=1, cutoff=0.75)
        if close:
            corrected.append(folded_vocabulary[close[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""
