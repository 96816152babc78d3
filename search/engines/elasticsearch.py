"""Search with Elasticsearch 8 through the elasticsearch-dsl API, behind an alias."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import (
    A,
    Boolean,
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Mapping,
    MetaField,
    Nested,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from search import facets as search_facets
from search.cues import cue_snippet, url_at
from search.documents import SearchDocument
from search.engines.base import PAGE_SIZE, SearchEngine, SearchHit, SearchQuery, SearchResults
from search.engines.database import build_facet_values
from search.text import mark

SYNONYMS_FILE = Path(__file__).resolve().parent.parent / "synonyms.txt"
FRENCH_ARTICLES = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]


# « <mark>d'aller</mark> »: the standard tokenizer keeps an elided article with its word (the
# elision filter drops it from the term, not from the offsets the highlighter marks).
_ARTICLE_IN_MARK = re.compile(
    "<mark>((?:" + "|".join(FRENCH_ARTICLES) + ")(?:&#x27;|’))", re.IGNORECASE
)


def unmark_articles(highlighted: str) -> str:
    """Highlighted HTML with elided articles left out of the marks: « d'<mark>aller</mark> »."""
    return _ARTICLE_IN_MARK.sub(r"\1<mark>", highlighted)


def synonym_rules() -> list[str]:
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


elision = token_filter("tznr_elision", "elision", articles=FRENCH_ARTICLES, articles_case=True)
french_stop = token_filter("tznr_french_stop", "stop", stopwords="_french_")
french_stem = token_filter("tznr_french_stem", "stemmer", language="light_french")
synonyms = token_filter("tznr_synonyms", "synonym_graph", synonyms=synonym_rules())
FRENCH_CHAIN = [elision, "lowercase", "asciifolding"]
french = analyzer(
    "tznr_french", tokenizer="standard", filter=[*FRENCH_CHAIN, french_stop, french_stem]
)
french_search = analyzer(
    "tznr_french_search",
    tokenizer="standard",
    filter=[*FRENCH_CHAIN, synonyms, french_stop, french_stem],
)
plain = analyzer("tznr_plain", tokenizer="standard", filter=["lowercase"])


class SearchDoc(Document):
    key = Keyword()
    kind = Keyword()
    title = Text(analyzer=french, search_analyzer=french_search, copy_to="spelling")
    suggest = Completion(
        analyzer="simple",
        contexts=[{"name": "audience", "type": "category", "path": "audience"}],
    )
    text = Text(analyzer=french, search_analyzer=french_search, copy_to="spelling")
    # "Did you mean" words: every document's for members, public documents' only for visitors.
    spelling = Text(analyzer=plain)
    public_spelling = Text(analyzer=plain)
    url = Keyword(index=False)
    date = Date()
    members_only = Boolean()
    audience = Keyword()
    axis = Keyword()
    territory = Keyword()
    region = Keyword()
    public = Keyword()
    status = Keyword()
    year = Keyword()
    event_kind = Keyword()
    tag = Keyword()
    cues = Nested(
        properties={
            "time": Integer(),
            "text": Text(analyzer=french, search_analyzer=french_search),
        }
    )

    class Meta:
        # The facets apps add (kb.searchable) are keywords too, whatever their name.
        dynamic_templates = MetaField(
            [{"facets": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}]
        )
        # The public words repeat title and text: indexed for the suggester, never stored.
        mapping = Mapping().meta("_source", excludes=["public_spelling"])


def client() -> Elasticsearch:
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


@cache
def _client(urls: str, timeout: float) -> Elasticsearch:
    """One client per process for the nodes of `urls` (comma-separated). A request that cannot
    reach a node goes on to the next one, each node once; a node that is slow is not retried:
    the request times out and the search falls back (ELASTICSEARCH_TIMEOUT)."""
    hosts = [url.strip() for url in urls.split(",") if url.strip()]
    return Elasticsearch(
        hosts, request_timeout=timeout, max_retries=len(hosts) - 1, retry_on_timeout=False
    )


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search"


def new_index_name() -> str:
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def new_index(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.ELASTICSEARCH_REPLICAS)
    index.document(SearchDoc)
    return index


def parse_date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(str(value)[:10]) if value else None


def title_inputs(title: str) -> list[str]:
    """The title from each of its words on, so that typing any word of it completes it."""
    words = title.split()
    return [" ".join(words[i:]) for i in range(min(len(words), 12))]


def to_source(document: SearchDocument) -> dict:
    return {
        "key": document.key,
        "kind": document.kind,
        "title": document.title,
        "suggest": title_inputs(document.title),
        "text": document.text,
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
        "members_only": document.members_only,
        "audience": ["member"] if document.members_only else ["member", "public"],
        "public_spelling": None if document.members_only else [document.title, document.text],
        "cues": [{"time": seconds, "text": text} for seconds, text in document.cues],
        **document.facets,
    }


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"
    stems_words = True
    knows_synonyms = True

    # -- reading -----------------------------------------------------------------

    def answers(self) -> bool:
        try:
            client().search(index=alias_name(), size=0)
        except Exception:
            return False
        return True

    def is_outage(self, error: Exception) -> bool:
        if isinstance(error, ApiError):
            return error.status_code == 429 or error.status_code >= 500
        return isinstance(error, TransportError)  # connection refused, reset, timed out

    def _audience_filter(self, members: bool) -> list[Q]:
        return [] if members else [Q("term", members_only=False)]

    def _within_filter(self, query: SearchQuery) -> list[Q]:
        return [] if query.within is None else [Q("terms", key=sorted(query.within))]

    def search(self, query: SearchQuery) -> SearchResults:
        search = Search(using=client(), index=alias_name()).extra(track_total_hits=True)
        if query.text:
            # multi_match analyses the whole text, so multi-word synonyms apply.
            text_query = Q(
                "multi_match",
                query=query.text,
                fields=["title^3", "text"],
                type="cross_fields",
                operator="and",
            )
        else:
            text_query = Q("match_all")
        search = search.query(
            Q(
                "bool",
                must=[text_query],
                should=self._cue_query(query.text),
                filter=self._audience_filter(query.members) + self._within_filter(query),
            )
        )
        selected = {name: list(values) for name, values in query.filters.items() if values}
        facet_filters = {name: Q("terms", **{name: values}) for name, values in selected.items()}
        if facet_filters:
            search = search.post_filter(Q("bool", filter=list(facet_filters.values())))
        # Each facet is counted under the other facets' selections. Facets counted under the
        # same selections share one filter aggregation: Elasticsearch walks the matching
        # documents once per distinct filter instead of once per facet.
        groups: dict[tuple[str, ...], list[str]] = {}
        for name in search_facets.facets():
            others = tuple(other for other in facet_filters if other != name)
            groups.setdefault(others, []).append(name)
        aggregation_of = {}
        for number, (others, names) in enumerate(groups.items()):
            group = search.aggs.bucket(
                f"facets_{number}",
                A("filter", Q("bool", filter=[facet_filters[other] for other in others])),
            )
            for name in names:
                group.bucket(name, A("terms", field=name, size=300))
                aggregation_of[name] = f"facets_{number}"
        if query.sort == "date" or not query.text:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=220,
            number_of_fragments=1,
            # The text query alone: beside the nested transcript query, the highlighter
            # missed words found through a synonym (« RSA »).
            highlight_query=text_query.to_dict(),
        ).highlight("text", no_match_size=220)
        # Hits need no full text (the snippet comes from highlighting): transcripts stay home.
        search = search.source(["key", "title", "url", "kind", "date"])
        search = search[query.offset : query.offset + PAGE_SIZE]
        response = search.execute()
        hits = []
        for hit in response:
            highlight = getattr(hit.meta, "highlight", None)
            text_fragments = list(getattr(highlight, "text", [])) if highlight else []
            snippet = unmark_articles(text_fragments[0]) if text_fragments else ""
            hits.append(
                self._with_cue(
                    SearchHit(
                        key=hit.key,
                        title=hit.title,
                        url=hit.url,
                        kind=hit.kind,
                        date=parse_date(getattr(hit, "date", None)),
                        snippet=snippet,
                    ),
                    hit,
                )
            )
        facets = {}
        for name, facet in search_facets.facets().items():
            buckets = response.aggregations[aggregation_of[name]][name]["buckets"]
            counts = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
            facets[name] = build_facet_values(facet, counts, set(selected.get(name, [])))
        total = response.hits.total.value
        suggestion = ""
        if query.text and total == 0:
            suggestion = self._suggestion(query.text, members=query.members)
        return SearchResults(
            hits=hits, total=total, facets=facets, suggestion=suggestion, engine=self.name
        )

    def _cue_query(self, text: str) -> list[Q]:
        """The best matching transcript cue of each recording, as an inner hit (no score)."""
        if not text:
            return []
        return [
            Q(
                "nested",
                path="cues",
                query=Q("match", **{"cues.text": {"query": text}}),
                score_mode="max",
                boost=0,
                ignore_unmapped=True,
                inner_hits={
                    "name": "cue",
                    "size": 1,
                    "highlight": {
                        "pre_tags": ["<mark>"],
                        "post_tags": ["</mark>"],
                        "encoder": "html",
                        "fields": {"cues.text": {"number_of_fragments": 0}},
                    },
                },
            )
        ]

    def _with_cue(self, hit: SearchHit, es_hit) -> SearchHit:
        inner = getattr(es_hit.meta, "inner_hits", None)
        cues = list(inner["cue"].hits) if inner is not None and "cue" in inner else []
        if not cues:
            return hit
        cue = cues[0]
        highlight = getattr(cue.meta, "highlight", None)
        fragments = list(highlight["cues.text"]) if highlight and "cues.text" in highlight else []
        text = unmark_articles(fragments[0]) if fragments else mark(cue.text)
        seconds = int(cue.time)
        return replace(hit, time=seconds, url=url_at(hit.url, seconds), snippet=cue_snippet(text))

    def _suggestion(self, text: str, *, members: bool) -> str:
        """The "did you mean" text, asked only when nothing matched, in a request of its own
        (the term suggester costs about as much as the search itself, and most searches find
        hits). The suggester reads a whole field with no filter: visitors get the field that
        only public documents fill, so no members-only word (a directory name) is offered."""
        field = "spelling" if members else "public_spelling"
        search = Search(using=client(), index=alias_name()).extra(size=0)
        search = search.suggest("spelling", text, term={"field": field, "suggest_mode": "popular"})
        response = search.execute()
        words, changed = [], False
        for entry in response.suggest["spelling"]:
            if entry.options:
                words.append(entry.options[0].text)
                changed = True
            else:
                words.append(entry.text)
        return " ".join(words) if changed else ""

    def autocomplete(self, prefix: str, *, members: bool, limit: int = 8) -> list[str]:
        if not prefix:
            return []
        search = Search(using=client(), index=alias_name()).source(["title"])
        search = search.suggest(
            "titles",
            prefix,
            completion={
                "field": "suggest",
                "size": limit,
                "skip_duplicates": True,
                "contexts": {"audience": ["member" if members else "public"]},
            },
        )
        response = search.execute()
        return [option["_source"]["title"] for option in response.suggest["titles"][0].options]

    # -- writing -----------------------------------------------------------------

    def _ensure_alias(self) -> None:
        es = client()
        if not es.indices.exists_alias(name=alias_name()):
            name = new_index_name()
            new_index(name).create(using=es)
            es.indices.put_alias(index=name, name=alias_name())

    def _actions(self, documents: Iterable[SearchDocument], index: str):
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": document.key,
                "_source": to_source(document),
            }

    def index(self, documents: Iterable[SearchDocument]) -> int:
        self._ensure_alias()
        count, _ = helpers.bulk(client(), self._actions(documents, alias_name()), refresh=True)
        return count

    def delete(self, keys: Iterable[str]) -> None:
        self._ensure_alias()
        actions = ({"_op_type": "delete", "_index": alias_name(), "_id": key} for key in keys)
        helpers.bulk(client(), actions, refresh=True, raise_on_error=False)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Fill a new index, then swap the alias in one step: searches never see a gap."""
        es = client()
        name = new_index_name()
        index = new_index(name)
        # No refresh while filling: segments are written once, at the end.
        index.settings(refresh_interval="-1")
        index.create(using=es)
        count = 0
        try:
            # Two requests in flight: Elasticsearch indexes a batch while the next is serialised.
            for ok, _item in helpers.parallel_bulk(
                es, self._actions(documents, name), thread_count=2, chunk_size=500
            ):
                count += ok
            es.indices.put_settings(index=name, settings={"index.refresh_interval": None})
            es.indices.refresh(index=name)
        except Exception:
            es.indices.delete(index=name, ignore_unavailable=True)
            raise
        old = (
            list(es.indices.get_alias(name=alias_name()))
            if es.indices.exists_alias(name=alias_name())
            else []
        )
        actions = [{"remove": {"index": name, "alias": alias_name()}} for name in old]
        actions.append({"add": {"index": name, "alias": alias_name()}})
        es.indices.update_aliases(actions=actions)
        for name in old:
            es.indices.delete(index=name, ignore_unavailable=True)
        return count
