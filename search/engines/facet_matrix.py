"""The facet matrix: which entry has which facet value, as Python int bitsets, per process.

Entries get a position in the browse order (newest first, then title, then id). Each facet
value, the kind included, is the bitset of the positions that have it, and so are the public
entries. A search ANDs and ORs these bitsets and counts with `int.bit_count()`, instead of
having the database join and count about ten facet rows per matching entry on every request.

Every process keeps its own matrix: bench/RESULTS.md (« Database engine search ») shows it is
what keeps the database engine within its targets at 100k entries. Each write to the entries
replaces the generation token (search.models.IndexGeneration) in its own transaction
(`changed()`); a search reads the token (one small query) and rebuilds the matrix when it
differs. Another connection sees the new token exactly when it sees the entries, and a
rollback takes both back, so a matrix is never kept for data that does not exist. Entry ids
are kept by updates, so counting them would not notice a changed facet value: only the
token says when the matrix is stale.
"""

import datetime
import threading
import uuid
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count, repeat
from operator import sub

from django.db import connection, transaction

from search.models import IndexGeneration

BROWSE_ORDER = "date DESC NULLS LAST, title, id"
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def bitset(positions: Iterable[int], size: int) -> int:
    """The int whose bits are these positions; -1 (an entry the matrix does not know) is ignored.

    One flag byte per position, set from C (`map` over `bytearray.__setitem__`), then read
    as a base-2 number: about twice as fast as or-ing bits into a bytearray in a Python loop.
    """
    flags = bytearray(size + 1)  # flags[-1], one past the end, takes the unknown entries
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    del flags[size]
    flags.reverse()  # int() reads the highest bit first
    return int(flags.translate(_BINARY_DIGITS) or b"0", 2)


def set_positions(bits: int, skip: int = 0) -> Iterator[int]:
    """Positions of the set bits, lowest first, after skipping the first `skip` of them."""
    start = 0
    if skip:
        # The lowest m with `skip` set bits below it, by bisection on popcounts.
        low, high = 0, bits.bit_length()
        while low < high:
            middle = (low + high) // 2
            if (bits & ((1 << middle) - 1)).bit_count() >= skip:
                high = middle
            else:
                low = middle + 1
        start = low
    rest = bits >> start
    window = 1024
    while rest:
        chunk = rest & ((1 << window) - 1)
        while chunk:
            lowest = chunk & -chunk
            yield start + lowest.bit_length() - 1
            chunk ^= lowest
        rest >>= window
        start += window


@dataclass
class FacetMatrix:
    generation: str
    serial: int  # tells two builds of one generation apart (see `current`)
    ids: array  # position -> entry id
    days: array  # position -> date ordinal, 0 without a date: entries of one day are adjacent
    first_id: int = 0
    id_positions: array = field(default_factory=lambda: array("i"))  # id - first_id -> position
    everything: int = 0
    public: int = 0
    values: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> bitset

    @property
    def size(self) -> int:
        return len(self.ids)

    def position(self, entry_id: int) -> int:
        """The entry's position, -1 for an entry the matrix does not know."""
        offset = entry_id - self.first_id
        return self.id_positions[offset] if 0 <= offset < len(self.id_positions) else -1

    def positions(self, entry_ids: list[int]) -> list[int]:
        """Positions of these entries, -1 for an entry the matrix does not know."""
        lookup, first = self.id_positions, self.first_id
        if entry_ids and first <= min(entry_ids) and max(entry_ids) < first + len(lookup):
            # All in range: looked up from C, without a Python loop over the entries.
            return list(map(lookup.__getitem__, map(sub, entry_ids, repeat(first))))
        return [self.position(entry_id) for entry_id in entry_ids]

    def value(self, facet: str, value: str) -> int:
        return self.values.get(facet, {}).get(value, 0)

    def any_of(self, facet: str, values: Iterable[str]) -> int:
        """Entries with at least one of these values of the facet (OR within a facet)."""
        bits = 0
        for value in values:
            bits |= self.value(facet, value)
        return bits


def build(generation: str) -> FacetMatrix:
    """Read the browse order, then every facet value's entries, and turn them into bitsets.

    The facet values come back as entry ids, mapped to positions here: an entry written
    between the two queries is left out or kept stale until the next generation, where
    positions numbered by the second query would shift every entry after it.
    """
    # One array per facet value on PostgreSQL; SQLite has no arrays: a joined string.
    collect = "array_agg" if connection.vendor == "postgresql" else "group_concat"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT id, date FROM search_searchentry ORDER BY {BROWSE_ORDER}")  # noqa: S608 — fixed SQL
        rows = cursor.fetchall()
        matrix = FacetMatrix(
            generation=generation,
            serial=next(_builds),
            ids=array("q", (entry_id for entry_id, _ in rows)),
            days=array("i", (day_number(day) for _, day in rows)),
        )
        del rows
        if matrix.ids:
            matrix.first_id = min(matrix.ids)
            matrix.id_positions = array("i", [-1]) * (max(matrix.ids) - matrix.first_id + 1)
            for position, entry_id in enumerate(matrix.ids):
                matrix.id_positions[entry_id - matrix.first_id] = position
        matrix.everything = (1 << matrix.size) - 1
        cursor.execute(
            f"SELECT 'kind', kind, {collect}(id) FROM search_searchentry GROUP BY kind"  # noqa: S608 — fixed SQL
            f" UNION ALL SELECT '', 'public', {collect}(id) FROM search_searchentry"
            " WHERE NOT members_only"
            f" UNION ALL SELECT facet, value, {collect}(entry_id) FROM search_searchentryfacet"
            " GROUP BY facet, value"
        )
        for facet, value, entry_ids in cursor:  # one value at a time: a small peak
            if entry_ids is None:
                continue
            if isinstance(entry_ids, str):
                entry_ids = [int(entry_id) for entry_id in entry_ids.split(",")]
            bits = bitset(matrix.positions(entry_ids), matrix.size)
            if facet == "":  # not a facet: the entries anonymous visitors see
                matrix.public = bits
            else:
                matrix.values.setdefault(facet, {})[value] = bits
    return matrix


def day_number(day) -> int:
    if day is None:
        return 0
    if isinstance(day, str):  # SQLite through a raw cursor
        day = datetime.date.fromisoformat(day)
    return day.toordinal()


# -- the per-process copy and its generation ---------------------------------------------

_lock = threading.Lock()
_matrix: FacetMatrix | None = None
_builds = count()


def generation() -> str:
    """The current generation token, as this connection sees it (created the first time)."""
    token = IndexGeneration.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        token = IndexGeneration.objects.get_or_create(pk=1, defaults={"token": _new_token()})[
            0
        ].token
    return token


def current() -> FacetMatrix:
    """The matrix of the current generation, rebuilt when a write moved it."""
    global _matrix
    token = generation()
    matrix = _matrix
    if matrix is not None and matrix.generation == token:
        return matrix
    with _lock:
        if _matrix is None or _matrix.generation != token:
            _matrix = build(token)
        return _matrix


def changed() -> None:
    """The entries changed: a new generation, written in the same transaction."""
    if not IndexGeneration.objects.filter(pk=1).update(token=_new_token()):
        IndexGeneration.objects.get_or_create(pk=1, defaults={"token": _new_token()})


def _new_token() -> str:
    return uuid.uuid4().hex
