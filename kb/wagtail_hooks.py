from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb.models import Axis, Coordinator, DirectoryExport, Public, Territory

to_confirm = BooleanColumn("needs_confirmation", label="à confirmer (12 mois)")


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


class CoordinatorViewSet(SnippetViewSet):
    model = Coordinator
    icon = "user"
    list_display = ["name", "role", "territory", "last_confirmed", to_confirm]
    list_filter = ["territory", "last_confirmed"]
    search_fields = ["name", "organisation"]


class DirectoryExportViewSet(SnippetViewSet):
    """The export audit log, read only."""

    model = DirectoryExport
    icon = "history"
    add_to_admin_menu = True
    menu_label = "Journal des exports"
    list_display = ["created_at", "username", "filters", "row_count"]
    inspect_view_enabled = True


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "Référentiels"
    menu_icon = "folder-open-inverse"
    items = (TerritoryViewSet, AxisViewSet, PublicViewSet, CoordinatorViewSet)


register_snippet(VocabularyGroup)
register_snippet(DirectoryExportViewSet)
