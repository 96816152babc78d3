from django import template

from kb.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """A member's text (Markdown subset) as sanitised HTML (kb.markdown)."""
    return render_markdown(text)


@register.filter
def timecode(seconds) -> str:
    if seconds in (None, ""):
        return ""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"
