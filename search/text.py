"""Text helpers shared by the engines: normalising user input, snippets, suggestions."""

import difflib
import re
import unicodedata
from functools import lru_cache

import snowballstemmer
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


# Elasticsearch's `_french_` stop words (Lucene's copy of Snowball's French list), so that
# both engines agree on the words a search ignores and never highlights.
FRENCH_STOP_WORDS = frozenset(
    """au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même
    mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses sur ta te tes toi ton
    tu un une vos votre vous c d j l à m n s t y étée étées étant suis es êtes sont serai seras
    sera serons serez seront serais serait serions seriez seraient étais était étions étiez
    étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses fussions
    fussiez fussent ayant eu eue eues eus ai avons avez ont aurai aurons aurez auront aurais
    aurait aurions auriez auraient avais avait aviez avaient eut eûmes eûtes eurent aie aies ait
    ayons ayez aient eusse eusses eût eussions eussiez eussent ceci cela celà cet cette ici ils
    les leurs quel quels quelle quelles sans soi""".split()
)
_FOLDED_STOP_WORDS = frozenset(fold(word) for word in FRENCH_STOP_WORDS)
_FRENCH_STEMMER = snowballstemmer.stemmer("french")


@lru_cache(maxsize=50_000)
def word_keys(word: str) -> frozenset[str]:
    """What a word is compared by: its French stem (Snowball, as PostgreSQL's `tznr_french`),
    folded; the stem of the folded word too, so that « diversite » typed without accents
    meets « diversité ». Empty for a stop word."""
    lower = word.lower()
    if fold(lower) in _FOLDED_STOP_WORDS or len(lower) < 2:
        return frozenset()
    return frozenset({fold(_FRENCH_STEMMER.stemWord(lower)), _FRENCH_STEMMER.stemWord(fold(lower))})


def query_terms(query: str) -> frozenset[str]:
    """The keys of the query's words, stop words left out."""
    return frozenset().union(*(word_keys(word) for word in WORD.findall(query)))


def _matches(word: str, terms: frozenset[str]) -> bool:
    return not word_keys(word).isdisjoint(terms)


def snippet(text: str, query: str, length: int = SNIPPET_LENGTH) -> str:
    """An escaped extract of `text` around the first word matching the query, whole words
    only, with the matching words marked."""
    terms = query_terms(query)
    flat = " ".join(text.split())
    first = _first_match(flat, terms)
    start = max(0, first - length // 3)
    if start > 0 and flat[start - 1] != " ":  # begin with a whole word
        space = flat.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    end = min(len(flat), start + length)
    if end < len(flat) and flat[end] != " ":  # and end with one
        space = flat.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    return prefix + mark(flat[start:end], terms) + suffix


def _first_match(flat: str, terms: frozenset[str]) -> int:
    """Where the first word matching `terms` starts, or 0. Long texts (transcripts) are
    scanned for words starting like a term before any word is stemmed."""
    if not terms:
        return 0
    folded = fold(flat)
    if len(folded) != len(flat):
        return 0
    prefixes = sorted({term[:3] for term in terms}, key=len, reverse=True)
    candidates = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, prefixes)) + r")\w*")
    for found in candidates.finditer(folded):
        if _matches(flat[found.start() : found.end()], terms):
            return found.start()
    return 0


def mark(text: str, terms: frozenset[str] | set[str] = frozenset()) -> str:
    """`text` escaped, each whole word matching one of the query `terms` in <mark>."""
    if not terms:
        return escape(text)
    terms = frozenset(terms)
    pieces, last = [], 0
    for found in WORD.finditer(text):
        if _matches(found.group(), terms):
            pieces.append(escape(text[last : found.start()]))
            pieces.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
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
