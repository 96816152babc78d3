"""Transcript hits: the cue of a recording that matches the query, its time and deep link.

Both engines index a recording's cues (time in seconds, text). The database engine picks the
best cue here; Elasticsearch finds it with a nested query and gives it to `transcript_hit`.
"""

from dataclasses import replace

from search.engines.base import SearchHit
from search.text import WORD, fold, mark, query_terms


def _root(word: str) -> str:
    """A crude French root, so that "bailleurs" finds "bailleur" and "sociaux" finds "social"."""
    return word[:5] if len(word) > 5 else (word.rstrip("sx") or word)


def best_cue(cues, text: str) -> tuple[int, str] | None:
    """The cue (seconds, text) sharing the most query words (exact words first), or None."""
    words = {fold(w) for w in WORD.findall(text) if len(w) > 2}
    if not words or not cues:
        return None
    roots = {_root(w) for w in words}
    # Folded in one call; a cue holding none of the roots cannot score, so it is skipped
    # before being split into words (most cues of a long transcript).
    folded_cues = fold("\n".join(" ".join(cue_text.split()) for _, cue_text in cues)).split("\n")
    best, best_score = None, 0
    for (seconds, cue_text), folded in zip(cues, folded_cues, strict=True):
        if not any(root in folded for root in roots):
            continue
        tokens = set(WORD.findall(folded))
        exact = sum(1 for w in words if w in tokens)
        close = sum(1 for w in words if any(t.startswith(_root(w)) for t in tokens))
        score = exact * 2 + close
        if score > best_score:
            best, best_score = (int(seconds), cue_text), score
    return best


def url_at(url: str, seconds: int) -> str:
    """The recording's URL that starts the video at `seconds` (see the recording page)."""
    base = url.split("#", 1)[0]
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}t={int(seconds)}"


def cue_snippet(marked_text: str) -> str:
    return f"…{marked_text.strip().strip('…').strip()}…"


def transcript_hit(hit: SearchHit, cues, text: str) -> SearchHit:
    """The hit pointing into the transcript when one of its cues matches the query."""
    if not text or not cues:
        return hit
    cue = best_cue(cues, text)
    if cue is None:
        return hit
    seconds, cue_text = cue
    return replace(
        hit,
        time=seconds,
        url=url_at(hit.url, seconds),
        snippet=cue_snippet(mark(cue_text, query_terms(text))),
    )
