"""What members write (questions, answers, remontées…): a small Markdown subset, made safe.

markdown-it-py parses with raw HTML off and only paragraphs, line breaks, lists, links,
emphasis and inline code switched on; nh3 (the ammonia sanitiser) then keeps only those
tags, only http, https and mailto links, each with `rel="nofollow ugc noopener"`. Whatever
a member typed, nothing of it reaches a page unescaped.
"""

import html

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

MAX_LENGTH = 10_000
TAGS = {"p", "br", "ul", "ol", "li", "a", "em", "strong", "code"}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_parser = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["list", "emphasis", "link", "autolink", "newline", "backticks", "escape", "entity"]
)


def render_markdown(text: str) -> SafeString:
    """`text` (Markdown subset) as sanitised HTML."""
    rendered = _parser.render(text or "")
    return mark_safe(  # noqa: S308 — sanitised by nh3 just above
        nh3.clean(
            rendered,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=LINK_REL,
        )
    )


def plain_text(text: str) -> str:
    """`text` without its Markdown marks, as one line of plain text (search, e-mails)."""
    stripped = nh3.clean(_parser.render(text or ""), tags=set())
    return " ".join(html.unescape(stripped).split())
