"""The pages a question may be tied to, named by label (never imported: they belong to kb,
events and resources), and how a page is found from the address a member pastes."""

from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, Site

from kb.selectors import visible_pages

# A question may be about a fiche, an event or a recording; « traitée en Mensuelle » links
# to a recording.
ABOUT_TYPES = ("kb.fichepage", "events.eventpage", "resources.recordingpage")
RECORDING_TYPES = ("resources.recordingpage",)
TYPE_LABELS = {
    "kb.fichepage": "fiche",
    "events.eventpage": "événement",
    "resources.recordingpage": "enregistrement",
}


def content_types(labels: tuple[str, ...]) -> list[ContentType]:
    query = Q(pk__in=[])
    for label in labels:
        app_label, model = label.split(".")
        query |= Q(app_label=app_label, model=model)
    return list(ContentType.objects.filter(query))


DEMONSTRATIVES = {"fiche": "cette fiche", "événement": "cet événement"}


def this_page_label(page: Page) -> str:
    """« cette fiche », « cet événement », « cet enregistrement »."""
    label = type_label(page)
    return DEMONSTRATIVES.get(label, f"cet {label}")


def type_label(page: Page) -> str:
    content_type = ContentType.objects.get_for_id(page.content_type_id)
    return TYPE_LABELS.get(f"{content_type.app_label}.{content_type.model}", "page")


def page_of_types(*, pk, labels: tuple[str, ...], user) -> Page | None:
    """The live page `pk` if it is of one of these types and `user` may see it."""
    if not str(pk).isdigit() or len(str(pk)) > 18:
        return None
    pages = Page.objects.filter(pk=int(pk), content_type__in=content_types(labels))
    return visible_pages(pages, user).first()


def page_for_address(address: str, *, labels: tuple[str, ...], user, request) -> Page | None:
    """The page at `address` (a full URL or a path of this site; a query string and a
    fragment are ignored) if it is of one of these types and `user` may see it."""
    path = urlsplit(address.strip()).path
    if not path.startswith("/") or len(path) > 1000:
        return None
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    url_path = site.root_page.url_path + path.strip("/") + "/"
    if path.strip("/") == "":
        url_path = site.root_page.url_path
    pages = Page.objects.filter(url_path=url_path, content_type__in=content_types(labels))
    return visible_pages(pages, user).first()
