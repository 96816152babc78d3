"""What the exchange adds to the fiche, recording, event and profile pages and to search
(ExchangeConfig.ready). Not to the territory pages: they already read as many queries as a
page may (tests/kb/test_queries_per_page.py); the question list filters by territory."""

from django.contrib.contenttypes.models import ContentType

from exchange import activity, pages, selectors
from exchange.forms import PreferencesForm
from exchange.search_documents import QUESTIONS, REMONTEES
from kb import personal_data, searchable, sections
from kb.permissions import is_member


def _is_about_type(page) -> bool:
    content_type = ContentType.objects.get_for_id(page.content_type_id)
    return f"{content_type.app_label}.{content_type.model}" in pages.ABOUT_TYPES


def page_questions(*, request, page) -> dict | None:
    """A fiche's or a recording's questions, and « Poser une question » (members)."""
    if not is_member(request.user) or not _is_about_type(page):
        return None
    return {
        "questions": selectors.question_list_for_page(page=page),
        "page": page,
        "this_page": pages.this_page_label(page),
    }


def event_questions(*, request, event) -> dict | None:
    """An event's questions; on a Mensuelle, those sent to it, most « Moi aussi » first."""
    if not is_member(request.user):
        return None
    return {
        "questions": selectors.question_list_for_page(page=event),
        "sent": selectors.question_list_for_mensuelle(occurrence=event),
        "is_mensuelle": event.kind == "mensuelle",
        "page": event,
        "can_moderate": selectors.can_moderate(request.user),
    }


def profile_preferences(*, request, user) -> dict | None:
    if not is_member(user):
        return None
    animator = selectors.can_moderate(user)
    form = PreferencesForm(instance=selectors.preferences_for(user=user), animator=animator)
    return {"form": form}


def register() -> None:
    sections.register(
        sections.PAGE,
        sections.Section("questions", "exchange/sections/page_questions.html", page_questions, 50),
    )
    sections.register(
        sections.EVENT,
        sections.Section(
            "questions", "exchange/sections/event_questions.html", event_questions, 50
        ),
    )
    sections.register(
        sections.PROFILE,
        sections.Section(
            "notifications", "exchange/sections/preferences.html", profile_preferences, 50
        ),
    )
    personal_data.register("questions et remontées", selectors.personal_data_of)
    searchable.register(QUESTIONS)
    searchable.register(REMONTEES)
    activity.register()
