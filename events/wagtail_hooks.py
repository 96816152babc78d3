from wagtail import hooks
from wagtail.admin.widgets import Button

from events.models import EventPage
from events.registrations.selectors import can_manage_registrations


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name, next_url=None):
    """« Inscrits » in the page header of an event that takes registrations."""
    specific = page.specific_deferred
    if (
        isinstance(specific, EventPage)
        and specific.registration_enabled
        and page.live
        and can_manage_registrations(user)
    ):
        yield Button("Inscrits", page.url + "inscrits/", icon_name="group", priority=68)
