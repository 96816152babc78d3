from wagtail import hooks
from wagtail.models import BaseViewRestriction, CollectionViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb import usage
from kb.models import Axis, Public, Territory
from kb.selectors import view_restrictions_of
from kb.views.media import refusal


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    list_display = ["numero", "name", "porteur", "departement", "region"]
    list_filter = ["region", "porteur_type"]
    search_fields = ["name", "porteur", "departement"]


class AxisViewSet(SnippetViewSet):
    model = Axis
    icon = "list-ul"
    list_display = ["name", "order"]


class PublicViewSet(SnippetViewSet):
    model = Public
    icon = "group"


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "Référentiels"
    menu_icon = "folder-open-inverse"
    items = (TerritoryViewSet, AxisViewSet, PublicViewSet)


register_snippet(VocabularyGroup)


@hooks.register("before_serve_document")
def refuse_documents_of_restricted_pages(document, request):
    """Every URL that serves a document (`/documents/<id>/<name>`, with any serve method) goes
    through here first: a visitor who may not see a page that uses the document, or its
    collection, is sent to the login form, or refused when signed in. A collection's password
    is left to Wagtail's own check, which asks for it."""
    restrictions = [
        restriction
        for restriction in view_restrictions_of(document)
        if not (
            isinstance(restriction, CollectionViewRestriction)
            and restriction.restriction_type == BaseViewRestriction.PASSWORD
        )
    ]
    return refusal(restrictions, request, "Ce document est réservé aux membres de la communauté.")


@hooks.register("before_serve_page")
def mark_page_read(page, request, serve_args, serve_kwargs):
    """A page read at its own address (not a routable page's sub-route: a recording's
    captions, a feed) is announced to whoever counts (kb.usage)."""
    routed = getattr(request, "routable_resolver_match", None)
    if routed is None or routed.route in ("", "^$"):
        usage.mark(request, usage.PAGE, key=page.pk)
