"""Search with Wagtail's database backend (SQLite FTS5, PostgreSQL full text) and a facet matrix."""

import heapq
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.functions import Substr
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField
from wagtail.search.models import IndexEntry

from kb.searchable import SearchDocument
from search import facets as search_facets
from search.cues import transcript_hit
from search.engines import facet_matrix
from search.engines.base import PAGE_SIZE, FacetValue, SearchEngine, SearchHit, SearchQuery
from search.engines.base import SearchResults as Results
from search.engines.facet_matrix import FacetMatrix, bitset, set_positions
from search.facets import facet_labels
from search.models import SearchEntry, SearchEntryFacet
from search.text import WORD, did_you_mean, snippet


def wagtail_backend() -> str:
    """Wagtail's database backend: "database" beside Elasticsearch, else the default one."""
    return "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"


REBUILD_BATCH = 1000
VOCABULARY_TEXT_LENGTH = 1000
_VOCABULARY: dict[bool, tuple[tuple, set[str]]] = {}


class DatabaseEngine(SearchEngine):
    name = "database"

    def _visible(self, members: bool):
        entries = SearchEntry.objects.all()
        return entries if members else entries.filter(members_only=False)

    @property
    def stems_words(self) -> bool:
        """PostgreSQL stems French words (tznr_french); SQLite's FTS5 does not."""
        return "SEARCH_CONFIG" in settings.WAGTAILSEARCH_BACKENDS[wagtail_backend()]

    # -- reading -----------------------------------------------------------------
    #
    # The text match is one SQL query on the database's own full-text index (entry ids and
    # scores); visibility, filters, facet counts, the total and the page come from the facet
    # matrix (search/engines/facet_matrix.py), with int bitsets instead of joins.

    def _match(self, query: SearchQuery, within: list[int] | None = None) -> tuple[str, list]:
        """SQL for every entry matching the text, whatever its audience: (id, score); only
        among the entries `within` when given (a saved search over what is new)."""
        content_type = ContentType.objects.get_for_model(SearchEntry).pk
        if connection.vendor == "postgresql":
            config = settings.WAGTAILSEARCH_BACKENDS[wagtail_backend()].get(
                "SEARCH_CONFIG", "simple"
            )
            # The GIN index on title || body finds the entries (OFFSET 0 keeps the planner
            # from filtering on the content type first, which would test every vector);
            # ranking reads the small title vector only: title matches first, shorter titles
            # before longer (Wagtail's title_norm). ts_rank on every body costs seconds when
            # most entries match.
            sql = (
                "SELECT CAST(i.object_id AS bigint), i.score FROM ("  # noqa: S608 — fixed SQL
                " SELECT object_id, content_type_id,"
                " CASE WHEN title @@ q.q THEN 3 * title_norm ELSE 0 END AS score"
                " FROM wagtailsearch_indexentry, plainto_tsquery(%s::regconfig, %s) AS q(q)"
                " WHERE (title || body) @@ q.q"
                + (" AND object_id = ANY(%s)" if within is not None else "")
                + " OFFSET 0) i"
                " WHERE i.content_type_id = %s"
            )
            params = [config, query.text]
            if within is not None:
                params.append([str(entry_id) for entry_id in within])
            return sql, [*params, content_type]
        words = " AND ".join(f'"{word}"' for word in WORD.findall(query.text))
        sql = (
            # The FTS5 match runs first, alone (LIMIT -1 keeps SQLite from flattening it into
            # the join, which would make it probe the FTS table once per entry).
            "SELECT CAST(i.object_id AS integer), f.score FROM ("
            " SELECT rowid AS rid, -bm25(wagtailsearch_indexentry_fts, 0, 1, 3) AS score"
            " FROM wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts MATCH %s"
            " LIMIT -1) f"
            " JOIN wagtailsearch_indexentry i ON i.id = f.rid"
            " WHERE i.content_type_id = %s"
        )
        return sql, [f"{{title body}} : ({words})", content_type]  # `within`: by the matrix

    def _matching(
        self, matrix: FacetMatrix, query: SearchQuery, within: list[int] | None = None
    ) -> tuple[int, dict[int, float]]:
        """The entries matching the text as a bitset, and the non-zero scores by position."""
        sql, params = self._match(query, within)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Most words match many entries: the bitmap scan of the GIN index answers from
                # the index, where the planner's sequential scan re-reads every vector.
                cursor.execute("SET LOCAL enable_seqscan = off")
                # Three arrays in one row: about half the time of reading 100k rows.
                cursor.execute(
                    "SELECT array_agg(m.id) FILTER (WHERE m.score = 0),"  # noqa: S608 — fixed SQL
                    " array_agg(m.id) FILTER (WHERE m.score <> 0),"
                    " array_agg(m.score) FILTER (WHERE m.score <> 0)"
                    f" FROM ({sql}) AS m(id, score)",
                    params,
                )
                unscored, scored, scores = (column or [] for column in cursor.fetchone())
            else:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
                unscored = [entry_id for entry_id, score in rows if not score]
                scored = [entry_id for entry_id, score in rows if score]
                scores = [score for _, score in rows if score]
        scored_positions = matrix.positions(scored)
        found = bitset(matrix.positions(unscored) + scored_positions, matrix.size)
        by_position = dict(zip(scored_positions, scores, strict=True))
        by_position.pop(-1, None)  # entries written after the matrix was built
        return found, by_position

    def _run(self, query: SearchQuery) -> tuple[list[int], int, dict[str, Counter]]:
        """Ids of the page of hits, the total, and the counts of every facet value.

        OR within a facet, AND across facets, and each facet counted without its own
        selection: the count of a value is the popcount of (match AND the other facets'
        selections AND the value).
        """
        matrix = facet_matrix.current()
        scores: dict[int, float] = {}
        within = None
        if query.within is not None:
            within = list(
                SearchEntry.objects.filter(key__in=sorted(query.within)).values_list(
                    "id", flat=True
                )
            )
        if query.text:
            found, scores = self._matching(matrix, query, within)
        else:
            found = matrix.everything
        if not query.members:
            found &= matrix.public
        if within is not None:
            found &= bitset(matrix.positions(within), matrix.size)
        selections = {
            name: matrix.any_of(name, values) for name, values in query.filters.items() if values
        }
        counts: dict[str, Counter] = {}
        for name, values in matrix.values.items():
            base = found
            for other, selection in selections.items():
                if other != name:
                    base &= selection
            counts[name] = Counter(
                {value: n for value, bits in values.items() if (n := (base & bits).bit_count())}
            )
        for selection in selections.values():
            found &= selection
        positions = self._page(matrix, found, scores, query)
        return [matrix.ids[position] for position in positions], found.bit_count(), counts

    def _page(
        self, matrix: FacetMatrix, found: int, scores: dict[int, float], query: SearchQuery
    ) -> list[int]:
        """Positions of the page of hits, in the order of the results.

        Browsing: the browse order (newest first, then title, then id). Text by date: newest
        first, then the best score, then id. Text by relevance: the best score, then newest,
        then id; entries without a score (PostgreSQL: the text matched the body only) come
        last, newest first then by id.
        """
        if not query.text:
            return list(islice(set_positions(found, query.offset), PAGE_SIZE))
        if query.sort == "date":
            return self._by_day(matrix, found, scores, query.offset)
        flags = found.to_bytes((matrix.size + 7) // 8, "little")
        days, ids = matrix.days, matrix.ids
        ranked = [
            (-score, -days[position], ids[position], position)
            for position, score in scores.items()
            if flags[position >> 3] >> (position & 7) & 1
        ]
        end = query.offset + PAGE_SIZE
        page = [item[-1] for item in heapq.nsmallest(end, ranked)[query.offset :]]
        if len(page) < PAGE_SIZE:
            unscored = found & ~bitset(scores, matrix.size)
            skip = max(0, query.offset - len(ranked))
            page += self._by_day(matrix, unscored, {}, skip)[: PAGE_SIZE - len(page)]
        return page

    def _by_day(
        self, matrix: FacetMatrix, found: int, scores: dict[int, float], offset: int
    ) -> list[int]:
        """A page in (date DESC NULLS LAST, score DESC, id) order.

        Positions already follow the dates, so only the entries of each day are sorted,
        from the day where the page starts to the day where it ends.
        """
        first = next(set_positions(found, offset), None)
        if first is None:
            return []
        days, ids = matrix.days, matrix.ids
        start = first
        while start > 0 and days[start - 1] == days[first]:
            start -= 1
        before = (found & ((1 << start) - 1)).bit_count()
        skip = offset - before

        def order(position: int) -> tuple[float, int]:
            return -scores.get(position, 0), ids[position]

        ordered: list[int] = []
        day: list[int] = []
        for position in set_positions(found, before):
            if day and days[position] != days[day[0]]:
                ordered += sorted(day, key=order)
                day = []
                if len(ordered) >= skip + PAGE_SIZE:
                    break
            day.append(position)
        else:
            ordered += sorted(day, key=order)
        return ordered[skip : skip + PAGE_SIZE]

    def search(self, query: SearchQuery) -> Results:
        page_ids, total, counts = self._run(query)
        selected = {name: set(values) for name, values in query.filters.items() if values}
        facets = {
            name: build_facet_values(facet, counts.get(name, Counter()), selected.get(name, set()))
            for name, facet in search_facets.facets().items()
        }
        entries = SearchEntry.objects.in_bulk(page_ids)
        hits = []
        for entry in (entries[pk] for pk in page_ids if pk in entries):
            hit = SearchHit(
                key=entry.key,
                title=entry.title,
                url=entry.url,
                kind=entry.kind,
                date=entry.date,
                snippet="",
            )
            hit = transcript_hit(hit, entry.cues, query.text)
            if hit.time is None:  # a transcript's matching cue is its snippet
                hit = replace(hit, snippet=snippet(entry.text, query.text))
            hits.append(hit)
        suggestion = ""
        if query.text and not total and query.within is None:  # none over a given few
            suggestion = did_you_mean(query.text, self._vocabulary(query.members))
        return Results(
            hits=hits, total=total, facets=facets, suggestion=suggestion, engine=self.name
        )

    def _vocabulary(self, members: bool) -> set[str]:
        """Words of titles and text openings, cached until the entries change.

        Keyed on the facet matrix's build: an update keeps the entry's id, so the count and
        the last id of the entries would not see it.
        """
        visible = self._visible(members)
        matrix = facet_matrix.current()
        signature = (members, matrix.generation, matrix.serial)
        cached = _VOCABULARY.get(members)
        if cached is not None and cached[0] == signature:
            return cached[1]
        words: set[str] = set()
        if connection.vendor == "postgresql":
            # PostgreSQL splits and deduplicates: a few thousand words come back, not the text.
            sql = (
                "SELECT DISTINCT word FROM search_searchentry e,"  # noqa: S608 — fixed SQL
                " regexp_split_to_table(lower(e.title || ' ' || left(e.text, %s)), '\\W+') word"
                " WHERE length(word) > 2" + ("" if members else " AND NOT e.members_only")
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [VOCABULARY_TEXT_LENGTH])
                words = {word for (word,) in cursor.fetchall()}
        else:
            rows = visible.annotate(opening=Substr("text", 1, VOCABULARY_TEXT_LENGTH))
            for title, text in rows.values_list("title", "opening").iterator(chunk_size=2000):
                words.update(WORD.findall(title.lower()))
                words.update(WORD.findall(text.lower()))
        _VOCABULARY[members] = (signature, words)
        return words

    def autocomplete(self, prefix: str, *, members: bool, limit: int = 8) -> list[str]:
        if not prefix:
            return []
        results = self._visible(members).autocomplete(prefix, backend=wagtail_backend())
        return [entry.title for entry in results[:limit]]

    # -- writing -----------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        count = 0
        for document in documents:
            with transaction.atomic():
                fields = _entry_fields(document)
                entry, _ = SearchEntry.objects.update_or_create(
                    key=fields.pop("key"), defaults=fields
                )
                entry.facet_values.all().delete()
                SearchEntryFacet.objects.bulk_create(
                    SearchEntryFacet(entry=entry, facet=facet, value=value)
                    for facet, value in _facet_rows(document)
                )
            count += 1
        facet_matrix.changed()
        return count

    def delete(self, keys: Iterable[str]) -> None:
        for entry in SearchEntry.objects.filter(key__in=list(keys)):
            entry.delete()
        facet_matrix.changed()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Replace every entry in bulk: rows, facet rows, then the full-text index.

        One transaction: searches see the old entries until it commits.
        """
        documents = list(documents)
        content_type = ContentType.objects.get_for_model(SearchEntry)
        with transaction.atomic():
            # Plain DELETEs: Django's delete() would read every row first, for its signals.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {IndexEntry._meta.db_table} WHERE content_type_id = %s",  # noqa: S608
                    [content_type.pk],
                )
                cursor.execute(f"DELETE FROM {SearchEntryFacet._meta.db_table}")  # noqa: S608
                cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")  # noqa: S608
            if connection.vendor == "postgresql":
                self._copy_entries(documents)
                self._fulltext_in_sql(content_type.pk)
            else:
                self._create_entries(documents)
        _VOCABULARY.clear()
        facet_matrix.changed()
        return len(documents)

    def _create_entries(self, documents: list[SearchDocument]) -> None:
        fulltext = get_search_backend(wagtail_backend()).get_index_for_model(SearchEntry)
        for start in range(0, len(documents), REBUILD_BATCH):
            batch = documents[start : start + REBUILD_BATCH]
            entries = SearchEntry.objects.bulk_create(
                [SearchEntry(**_entry_fields(document)) for document in batch]
            )
            SearchEntryFacet.objects.bulk_create(
                SearchEntryFacet(entry=entry, facet=facet, value=value)
                for entry, document in zip(entries, batch, strict=True)
                for facet, value in _facet_rows(document)
            )
            fulltext.add_items(SearchEntry, entries)

    def _copy_entries(self, documents: list[SearchDocument]) -> None:
        """PostgreSQL: entries and facet rows through COPY, ids drawn from the table's sequence."""
        columns = list(_entry_fields(SearchDocument(kind="", title="", url="", text="")))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('search_searchentry', 'id'))"
                " FROM generate_series(1, %s)",
                [len(documents)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            raw = cursor.cursor
            with raw.copy(f"COPY search_searchentry (id, {', '.join(columns)}) FROM STDIN") as copy:
                for pk, document in zip(ids, documents, strict=True):
                    fields = _entry_fields(document)
                    fields["cues"] = json.dumps(fields["cues"], ensure_ascii=False)
                    copy.write_row([pk, *fields.values()])
            with raw.copy(
                "COPY search_searchentryfacet (entry_id, facet, value) FROM STDIN"
            ) as copy:
                for pk, document in zip(ids, documents, strict=True):
                    for facet, value in _facet_rows(document):
                        copy.write_row((pk, facet, value))

    def _fulltext_in_sql(self, content_type: int) -> None:
        """Wagtail's index entries for every search entry, computed by PostgreSQL in one pass.

        The same vectors and title norms Wagtail's `add_items` and `_refresh_title_norms`
        write (title, autocomplete, body with the fields' weights; the average title length
        over the title's), without building one SQL expression per row in Python.
        """
        # PostgreSQL only: the module needs the PostgreSQL driver and contrib.postgres.
        from modelsearch.backends.database.postgres.weights import get_weight

        boosts = {
            f.field_name: f.boost for f in SearchEntry.search_fields if isinstance(f, SearchField)
        }
        config = settings.WAGTAILSEARCH_BACKENDS[wagtail_backend()].get("SEARCH_CONFIG")
        config_arg = "%s::regconfig, " if config else ""
        config_params = [config] if config else []
        whitespace = " \t\n\r"
        title = f"btrim(e.title, '{whitespace}')"
        text = f"btrim(e.text, '{whitespace}')"
        title_vector = f"to_tsvector({config_arg}{title})"
        with connection.cursor() as cursor:
            cursor.execute(
                # Wagtail's average runs over every index entry, other models' included.
                f"SELECT avg(n) FROM (SELECT length({title_vector}) AS n"  # noqa: S608
                " FROM search_searchentry e"
                " UNION ALL SELECT length(title) FROM wagtailsearch_indexentry) t WHERE n > 0",
                config_params,
            )
            (average,) = cursor.fetchone()
            cursor.execute(
                "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title,"  # noqa: S608
                " autocomplete, body, title_norm, title_text, body_text)"
                f" SELECT %s, CAST(e.id AS text), setweight({title_vector}, %s),"
                f" setweight(to_tsvector('simple', {title}), 'D'),"
                f" setweight(to_tsvector({config_arg}{text}), %s),"
                f" CASE WHEN length({title_vector}) > 0"
                f" THEN %s::float8 / length({title_vector}) ELSE 1.0 END,"
                f" {title}, {text}"
                " FROM search_searchentry e",
                [
                    content_type,
                    *config_params,
                    get_weight(boosts.get("title")),
                    *config_params,
                    get_weight(boosts.get("text")),
                    *config_params,
                    average or 1.0,
                    *config_params,
                ],
            )


def _entry_fields(document: SearchDocument) -> dict:
    return {
        "key": document.key,
        "kind": document.kind,
        "title": document.title[:255],
        "url": document.url,
        "text": document.text,
        "date": document.date,
        "members_only": document.members_only,
        "cues": [list(cue) for cue in document.cues],
    }


def _facet_rows(document: SearchDocument) -> Iterable[tuple[str, str]]:
    for facet, values in document.facets.items():
        for value in sorted({value[:200] for value in values}):
            yield facet, value


def build_facet_values(facet, counts: Counter, selected: set[str]) -> list[FacetValue]:
    """Facet values with counts; selected values stay listed even at zero."""
    labels = facet_labels(facet)
    values = set(counts) | selected
    items = [
        FacetValue(value=v, label=labels.get(v, v), count=counts.get(v, 0), selected=v in selected)
        for v in values
    ]
    if facet.order_by_label:
        items.sort(key=lambda item: item.label)
    elif facet.name == "year":
        items.sort(key=lambda item: item.value, reverse=True)
    else:
        items.sort(key=lambda item: (-item.count, item.label))
    return items
