from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb.models import Axis, Coordinator, DirectoryExport, Invitation, Public, Territory

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


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    list_display = ["email", "territory", "created_at", "expires_at", "used_at"]
    list_filter = ["territory"]
    inspect_view_enabled = True
    create_view_class = None


class DirectoryExportViewSet(SnippetViewSet):
    """The export audit log, read only."""

    model = DirectoryExport
    icon = "history"
    list_display = ["created_at", "username", "filters", "row_count"]
    inspect_view_enabled = True


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "Référentiels"
    menu_icon = "folder-open-inverse"
    items = (TerritoryViewSet, AxisViewSet, PublicViewSet, CoordinatorViewSet)


class MembersGroup(SnippetViewSetGroup):
    menu_label = "Membres"
    menu_icon = "group"
    items = (InvitationViewSet, DirectoryExportViewSet)


register_snippet(VocabularyGroup)
register_snippet(MembersGroup)
