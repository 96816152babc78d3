from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb.models import Axis, Public, Territory


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
