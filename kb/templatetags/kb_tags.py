from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from kb import sections
from kb.models import TerritoryIndexPage

register = template.Library()


@register.filter
def page_links(page_obj):
    """Page numbers around the current one, the first and last pages, and ellipses between:
    a list of 5,000 pages gets a dozen links, not 5,000."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag(takes_context=True)
def territory_url(context, territory) -> str:
    """The territory's page, under the territory list of the request's site."""
    request = context.get("request")
    return TerritoryIndexPage.urls_for_territories([territory], request)[territory.pk]


def _render(request, rendered) -> str:
    return format_html_join(
        "",
        "{}",
        (
            (render_to_string(section.template, {"section": section}, request=request),)
            for section in rendered
        ),
    )


@register.simple_tag(takes_context=True)
def follow_button(context, kind: str, key, title: str = "") -> str:
    """What apps put beside a followable thing (kb.sections.FOLLOW): « Suivre »."""
    request = context.get("request")
    if request is None:
        return ""
    return _render(
        request,
        sections.sections_for(
            sections.FOLLOW, request=request, kind=kind, key=str(key), title=title
        ),
    )


@register.simple_tag(takes_context=True)
def slot_sections(context, slot: str) -> str:
    """The sections apps registered in `slot` (kb.sections) for pages that are not built by a
    view of ours (Django's and Wagtail's login forms): `{% slot_sections "login" %}`."""
    request = context.get("request")
    if request is None:
        return ""
    return _render(request, sections.sections_for(slot, request=request))
