from django import template

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
