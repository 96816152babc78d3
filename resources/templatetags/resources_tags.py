from django import template

from resources.transcripts import timecode as format_timecode

register = template.Library()

UNITS = [(1000**3, "Go"), (1000**2, "Mo"), (1000, "ko")]


@register.filter
def file_size(size) -> str:
    """A size as the DSFR download component writes it: « 61,9 ko », « 1,8 Mo »."""
    try:
        size = int(size)
    except (TypeError, ValueError):
        return ""
    for factor, unit in UNITS:
        if size >= factor:
            value = f"{size / factor:.1f}".replace(".", ",").removesuffix(",0")
            return f"{value}\xa0{unit}"
    return f"{size}\xa0octet{'s' if size > 1 else ''}"


@register.filter
def timecode(seconds) -> str:
    """12:34, or 1:02:03 past the hour."""
    try:
        return format_timecode(int(seconds))
    except (TypeError, ValueError):
        return ""
