from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import Coordinator, DirectoryExport

to_confirm = BooleanColumn("needs_confirmation", label="à confirmer (12 mois)")


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
    menu_label = "Journal des exports"
    list_display = ["created_at", "username", "filters", "row_count"]
    inspect_view_enabled = True


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = "Annuaire"
    menu_icon = "user"
    items = (CoordinatorViewSet, DirectoryExportViewSet)


register_snippet(DirectoryGroup)
