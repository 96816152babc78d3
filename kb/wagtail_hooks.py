from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import BaseViewRestriction, CollectionViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb.models import Axis, Public, Territory
from kb.selectors import document_view_restrictions


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
    collection, is sent to the login form, or refused when signed in (never a login loop)."""
    for restriction in document_view_restrictions(document=document):
        if restriction.accept_request(request):
            continue
        password = restriction.restriction_type == BaseViewRestriction.PASSWORD
        if password and isinstance(restriction, CollectionViewRestriction):
            continue  # Wagtail's own check asks for the collection's password
        if password or request.user.is_authenticated:
            raise PermissionDenied("Ce document est réservé aux membres de la communauté.")
        return redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    return None
