"""Search with Wagtail's database backend (SQLite FTS5, PostgreSQL full text) and ORM facets."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction

from search.cues import transcript_hit
from search.documents import SearchDocument
from search.engines.base import PAGE_SIZE, FacetValue, SearchEngine, SearchHit, SearchQuery
from search.engines.base import SearchResults as Results
from search.facets import FACETS
from search.models import SearchEntry, SearchEntryFacet
from search.text import WORD, did_you_mean, snippet


def wagtail_backend() -> str:
    """Wagtail's database backend: "database" beside Elasticsearch, else the default one."""
    return "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"


class DatabaseEngine(SearchEngine):
    name = "database"

    @property
    def stems_words(self) -> bool:
        """PostgreSQL stems French words (tznr_french); SQLite's FTS5 does not."""
        return "SEARCH_CONFIG" in settings.WAGTAILSEARCH_BACKENDS[wagtail_backend()]

    # -- reading -----------------------------------------------------------------

    def _visible(self, members: bool):
        entries = SearchEntry.objects.all()
        return entries if members else entries.filter(members_only=False)

    def _matching_ids(self, query: SearchQuery) -> list[int]:
        """Ids matching the text, best first (or all visible ids, newest first, without text)."""
        visible = self._visible(query.members)
        if not query.text:
            return list(visible.order_by("-date", "title").values_list("pk", flat=True))
        results = visible.only("pk").search(
            query.text, backend=wagtail_backend(), operator="and", order_by_relevance=True
        )
        return [entry.pk for entry in results]

    def _facet_rows(self, ids: set[int], members: bool) -> dict[int, dict[str, set[str]]]:
        """Facet values of the matching entries, read from the visible entries only."""
        rows: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        values = SearchEntryFacet.objects.filter(entry__in=self._visible(members))
        for entry_id, facet, value in values.values_list("entry_id", "facet", "value").iterator(
            chunk_size=5000
        ):
            if entry_id in ids:
                rows[entry_id][facet].add(value)
        return rows

    def search(self, query: SearchQuery) -> Results:
        ranked = self._matching_ids(query)
        candidates = set(ranked)
        rows = self._facet_rows(candidates, query.members)
        kinds_and_dates = self._visible(query.members).values_list("pk", "kind", "date")
        dates = {}
        for entry_id, kind, entry_date in kinds_and_dates.iterator(chunk_size=5000):
            if entry_id in candidates:
                rows[entry_id]["kind"].add(kind)
                dates[entry_id] = entry_date
        selected = {name: set(values) for name, values in query.filters.items() if values}

        def passes(entry_id: int, skip: str | None = None) -> bool:
            entry = rows.get(entry_id, {})
            return all(
                entry.get(name, set()) & values for name, values in selected.items() if name != skip
            )

        matching = [entry_id for entry_id in ranked if passes(entry_id)]
        if query.sort == "date" and query.text:
            matching.sort(key=lambda pk: dates.get(pk) or date.min, reverse=True)
        facets = {}
        for name, facet in FACETS.items():
            counts: Counter[str] = Counter()
            for entry_id in candidates:
                if passes(entry_id, skip=name):
                    counts.update(rows.get(entry_id, {}).get(name, ()))
            facets[name] = build_facet_values(facet, counts, selected.get(name, set()))
        page_ids = matching[query.offset : query.offset + PAGE_SIZE]
        entries = SearchEntry.objects.in_bulk(page_ids)
        hits = [
            transcript_hit(
                SearchHit(
                    key=entry.key,
                    title=entry.title,
                    url=entry.url,
                    kind=entry.kind,
                    date=entry.date,
                    snippet=snippet(entry.text, query.text),
                ),
                entry.cues,
                query.text,
            )
            for entry in (entries[pk] for pk in page_ids if pk in entries)
        ]
        suggestion = ""
        if query.text and not matching:
            suggestion = did_you_mean(query.text, self._vocabulary(query.members))
        return Results(
            hits=hits, total=len(matching), facets=facets, suggestion=suggestion, engine=self.name
        )

    def _vocabulary(self, members: bool) -> set[str]:
        words: set[str] = set()
        for title, text in self._visible(members).values_list("title", "text"):
            words.update(WORD.findall(title.lower()))
            words.update(WORD.findall(text.lower()))
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
                entry, _ = SearchEntry.objects.update_or_create(
                    key=document.key,
                    defaults={
                        "kind": document.kind,
                        "title": document.title[:255],
                        "url": document.url,
                        "text": document.text,
                        "date": document.date,
                        "members_only": document.members_only,
                        "cues": [list(cue) for cue in document.cues],
                    },
                )
                entry.facet_values.all().delete()
                SearchEntryFacet.objects.bulk_create(
                    SearchEntryFacet(entry=entry, facet=facet, value=value[:200])
                    for facet, values in document.facets.items()
                    for value in set(values)
                )
            count += 1
        return count

    def delete(self, keys: Iterable[str]) -> None:
        for entry in SearchEntry.objects.filter(key__in=list(keys)):
            entry.delete()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        with transaction.atomic():
            documents = list(documents)
            keep = {document.key for document in documents}
            self.delete(set(SearchEntry.objects.values_list("key", flat=True)) - keep)
            return self.index(documents)


def build_facet_values(facet, counts: Counter, selected: set[str]) -> list[FacetValue]:
    """Facet values with counts; selected values stay listed even at zero."""
    labels = facet.labels()
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
