"""Reads of the knowledge base, used by pages, views and the other apps."""

import unicodedata
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction, ReferenceIndex

from kb.models import Coordinator, FichePage, Territory
from kb.models.directory import confirmation_flag_date, confirmation_hide_date
from kb.site_cache import remember_for_request


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


def _restricted_section_paths() -> list[str]:
    sections = PageViewRestriction.objects.filter(page__numchild__gt=0)
    return list(sections.values_list("page__path", flat=True))


def document_view_restrictions(*, document) -> list[BaseViewRestriction]:
    """What stands between a visitor and a document: its collection's view restrictions, and
    those of every page that uses it (ReferenceIndex: choosers, attachments, rich text links)
    and of their ancestors. A document on a members-only page is members-only, whatever its
    collection, even when a public page uses it too."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
    paths = Page.objects.filter(
        pk__in=[int(pk) for pk in page_ids.values_list("object_id", flat=True).distinct()]
    ).values_list("path", flat=True)
    step = Page.steplen
    sections = {path[:end] for path in paths for end in range(step, len(path) + 1, step)}
    restrictions = list(document.collection.get_view_restrictions())
    if sections:
        restrictions += PageViewRestriction.objects.filter(page__path__in=sections)
    return restrictions


def fiche_list_live() -> QuerySet[FichePage]:
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
    return list(fiche_list_live().filter(content_type=_fiche_type())[:limit])


def fiche_list_for_territory(*, territory: Territory) -> QuerySet[FichePage]:
    return fiche_list_live().filter(territories=territory).order_by("title")


def fiche_list_filtered(*, parent=None, axis=None, territory=None, status="", public=None, q=""):
    """The fiche list's page of cards: by title (an index, kb migration 0005),
    without the body, which the cards do not show."""
    fiches = fiche_list_live().defer("body").order_by("title", "pk")
    if parent is not None:
        fiches = fiches.child_of(parent)
    if axis:
        fiches = fiches.filter(axis=axis)
    if territory:
        fiches = fiches.filter(territories=territory)
    if public:
        fiches = fiches.filter(publics=public)
    if status:
        fiches = fiches.filter(status=status)
    return fiches


def fiche_count_filtered(*, parent=None, axis=None, territory=None, status="", public=None, q=""):
    """How many fiches `fiche_list_filtered` lists, with the same arguments.

    Without a filter on the fiches' own fields, the count reads Wagtail's page table only
    (live pages of the fiche type below `parent`, members-only ones excluded as in the
    list), from an index (kb migration 0006), instead of joining tens of thousands of
    fiche rows: a fiche is exactly a page of the fiche type (FichePage has no subclass).
    """
    if axis or territory or status or public or q:
        fiches = fiche_list_filtered(
            parent=parent, axis=axis, territory=territory, status=status, public=public, q=q
        )
        return fiches.count()
    pages = public_pages(Page.objects.live().filter(content_type=_fiche_type()))
    if parent is not None:
        pages = pages.child_of(parent)
    return pages.count()


def territory_list_by_region() -> list[tuple[str, list[Territory]]]:
    territories = Territory.objects.order_by("region", "numero")
    return [(region, list(items)) for region, items in groupby(territories, lambda t: t.region)]


def coordinator_list_visible(*, territory: Territory | None = None) -> QuerySet[Coordinator]:
    """Entries members may see: confirmed within HIDE_AFTER_MONTHS (README, retention)."""
    coordinators = (
        Coordinator.objects.select_related("territory")
        .prefetch_related("axes", "publics")
        .filter(last_confirmed__gte=confirmation_hide_date())
    )
    if territory is not None:
        coordinators = coordinators.filter(territory=territory)
    return coordinators


def coordinator_list_filtered(
    *, territory=None, region="", axis=None, public=None, role="", q=""
) -> QuerySet[Coordinator]:
    """The directory's filters. Axis and public match only where the person shows them."""
    coordinators = coordinator_list_visible()
    if territory:
        coordinators = coordinators.filter(territory=territory)
    if region:
        coordinators = coordinators.filter(territory__region=region)
    if axis:
        coordinators = coordinators.filter(axes=axis, show_expertise=True)
    if public:
        coordinators = coordinators.filter(publics=public, show_expertise=True)
    if role:
        coordinators = coordinators.filter(role=role)
    if q:
        coordinators = coordinators.filter(
            Q(name__icontains=q) | (Q(organisation__icontains=q) & Q(show_organisation=True))
        )
    return coordinators.distinct()


def alphabetical(text: str) -> str:
    """A sort key that files « Île-de-France » under I, as a reader expects (databases put
    accented capitals after Z)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def coordinator_ids_by_region(coordinators: QuerySet[Coordinator]) -> list[int]:
    """The entries' ids by région, territory and name, alphabetically (one light query)."""
    rows = coordinators.values_list("pk", "territory__region", "territory__name", "name")
    rows = sorted(rows, key=lambda row: (*map(alphabetical, row[1:]), row[0]))
    return [row[0] for row in rows]


def coordinator_list_by_ids(ids: list[int]) -> list[Coordinator]:
    """The entries of `ids`, in that order, with what a card shows."""
    found = coordinator_list_visible().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def coordinator_role_choices() -> list[str]:
    return sorted(set(coordinator_list_visible().values_list("role", flat=True)))


def coordinator_list_to_confirm() -> QuerySet[Coordinator]:
    """Entries flagged to animators: not confirmed for FLAG_AFTER_MONTHS (hidden ones included)."""
    return Coordinator.objects.select_related("territory").filter(
        last_confirmed__lt=confirmation_flag_date()
    )


def coordinator_get_visible(*, pk: int) -> Coordinator | None:
    return coordinator_list_visible().filter(pk=pk).first()
