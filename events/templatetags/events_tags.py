from django import template

from events.formatting import format_day, format_time, format_when

register = template.Library()


@register.filter
def event_when(event) -> str:
    """« jeudi 25 janvier 2024, 10 h – 12 h », in Paris time."""
    return format_when(event.start, event.end)


@register.filter
def french_day(value) -> str:
    return format_day(value) if value else ""


@register.filter
def french_time(value) -> str:
    return format_time(value) if value else ""


@register.filter
def fr_plural(count) -> str:
    """French plural: « 0 inscrit », « 1 inscrit », « 2 inscrits »."""
    try:
        return "s" if int(count) > 1 else ""
    except (TypeError, ValueError):
        return ""
