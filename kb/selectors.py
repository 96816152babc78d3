"""Reads of the knowledge base: visibility, fiches, territories (used by pages and apps)."""

from itertools import groupby
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from wagtail.images import get_image_model
from wagtail.models import (
    BaseViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)

from kb.models.fiches import FichePage
from kb.models.snippets import Territory
from kb.permissions import is_member
from kb.site_cache import remember, remember_for_request


def public_pages(pages: QuerySet) -> QuerySet:
    """`pages` without members-only ones: Wagtail's `.public()` in a bounded query.

    Wagtail's `.public()` adds one `path LIKE` clause per view restriction, so its query
    grows with every members-only resource. Here a restricted leaf page goes through one
    indexed `NOT EXISTS` (an anti-join: PostgreSQL then still walks an index in the list's
    order, where a `NOT IN` subquery made it sort every page), and only restricted sections
    (pages with children: a handful) add a path clause each; their paths are read once per
    request.
    """
    private = Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    for path in remember_for_request("restricted section paths", _restricted_section_paths):
        private |= Q(path__startswith=path)
    return pages.exclude(private)


def visible_pages(pages: QuerySet, user=None) -> QuerySet:
    """Live pages `user` may see: members-only ones for members only."""
    pages = pages.live()
    return pages if user is not None and is_member(user) else public_pages(pages)


def _restricted_section_paths() -> list[str]:
    sections = PageViewRestriction.objects.filter(page__numchild__gt=0)
    return list(sections.values_list("page__path", flat=True))


def view_restrictions_of(obj) -> list[BaseViewRestriction]:
    """What stands between a visitor and a document or an image: its collection's view
    restrictions, and those of every page that uses it (ReferenceIndex: choosers, attachments,
    StreamField blocks, rich text links and embeds) and of their ancestors. A file on a
    members-only page is members-only, whatever its collection, even when a public page uses
    it too."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    paths = Page.objects.filter(
        pk__in=[int(pk) for pk in page_ids.values_list("object_id", flat=True).distinct()]
    ).values_list("path", flat=True)
    step = Page.steplen
    sections = {path[:end] for path in paths for end in range(step, len(path) + 1, step)}
    restrictions = list(obj.collection.get_view_restrictions())
    if sections:
        restrictions += PageViewRestriction.objects.filter(page__path__in=sections)
    return restrictions


def rendition_get(*, name: str):
    """The image rendition stored as `images/<name>` (kb migration 0010 indexes the file name),
    with its image and collection, or None."""
    renditions = get_image_model().get_rendition_model().objects.select_related("image__collection")
    return renditions.filter(file=f"images/{name}").first()


def fiche_list_public() -> QuerySet[FichePage]:
    return (
        public_pages(FichePage.objects.live())
        .select_related("axis")
        .prefetch_related("territories")
        .order_by("-first_published_at", "title")
    )


def _fiche_type() -> ContentType:
    return ContentType.objects.get_for_model(FichePage)  # kept per process by Django


def fiche_list_latest(*, limit: int) -> list[FichePage]:
    """The newest fiches. The page type condition (every fiche's, FichePage has no subclass)
    lets PostgreSQL read them in order from an index (kb migration 0006), where it walked
    every newer page of any type."""
    return list(fiche_list_public().filter(content_type=_fiche_type())[:limit])


def fiche_list_for_territory(*, territory: Territory) -> QuerySet[FichePage]:
    """The territory's fiches, newest first, without the body (cards do not show it).

    `NULLS LAST` (a live page always has a publication date) keeps the publication date's
    index out of the plan: read in that index's order, PostgreSQL walked every page of the
    site looking for the territory's (~390 ms at 100k documents, under load; ~45–90 ms from
    the territory's links, then sorted: bench/RESULTS.md)."""
    return (
        fiche_list_public()
        .filter(territories=territory)
        .order_by(F("first_published_at").desc(nulls_last=True), "title")
        .defer("body")
    )


def fiche_list_live(*, parent=None) -> QuerySet[FichePage]:
    """The fiche list's cards: by title (an index, kb migration 0005), without the body, which
    the cards do not show."""
    fiches = fiche_list_public().defer("body").order_by("title", "pk")
    return fiches.child_of(parent) if parent is not None else fiches


def fiche_count_live(*, parent=None) -> int:
    """How many fiches `fiche_list_live` lists, from Wagtail's page table alone.

    Live pages of the fiche type below `parent`, members-only ones excluded as in the list,
    counted from an index (kb migration 0006) instead of joining tens of thousands of fiche
    rows: a fiche is exactly a page of the fiche type (FichePage has no subclass).
    """
    pages = public_pages(Page.objects.live().filter(content_type=_fiche_type()))
    pages = pages.child_of(parent) if parent is not None else pages
    # Every fiche counted: kept per worker a minute at most, dropped at a publication.
    return remember(f"fiche-count:{parent.pk if parent is not None else ''}", pages.count)


def territory_list_by_region() -> list[tuple[str, list[Territory]]]:
    territories = Territory.objects.order_by("region", "numero")
    return [(region, list(items)) for region, items in groupby(territories, lambda t: t.region)]


def fiche_list_in_order(*, pks: list[int], user=None) -> list[FichePage]:
    """These fiches, in this order, those `user` may see (an event's related fiches)."""
    fiches = visible_pages(FichePage.objects.filter(pk__in=pks), user)
    by_pk = {fiche.pk: fiche for fiche in fiches}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def territory_get(*, slug: str) -> Territory | None:
    return Territory.objects.filter(slug=slug).first()


def listing_url(model: type[Page], request=None, **query: str) -> str:
    """The URL of the site's page of type `model` (a listing: the fiches, the calendar, the
    library), with `query`; "" without such a page. The page's URL is kept (kb.site_cache)."""

    def page_url() -> str:
        page = model.objects.live().first()
        return (page.get_url(request) or "") if page is not None else ""

    site = Site.find_for_request(request) if request is not None else None
    url = remember(f"listing-url:{model._meta.label}:{site.pk if site else None}", page_url)
    return f"{url}?{urlencode(query)}" if url and query else url


def page_list_published_between(
    pages: QuerySet, *, since, until, field: str = "first_published_at"
) -> QuerySet:
    """Live pages whose `field` (first or last publication) falls in (since, until]."""
    return pages.live().filter(**{f"{field}__gt": since, f"{field}__lte": until})


def page_ids_public(pages: QuerySet) -> set[int]:
    """Which of these pages anonymous visitors may see (the others are for members)."""
    return set(public_pages(pages).values_list("pk", flat=True))


def page_urls(pages) -> dict[int, str]:
    """The pages' URLs as `get_url()` gives them (relative when there is one site), with one
    read of the site roots for all of them: `get_url()` reads them once per page object,
    a query each where the cache is the database (a digest run builds thousands)."""
    roots = Site.get_site_root_paths()
    one_site = len({root.site_id for root in roots}) == 1
    urls = {}
    for page in pages:
        root = next((r for r in roots if page.url_path.startswith(r.root_path)), None)
        if root is None:
            urls[page.pk] = ""
            continue
        path = "/" + page.url_path[len(root.root_path) :]
        urls[page.pk] = path if one_site else root.root_url.rstrip("/") + path
    return urls
