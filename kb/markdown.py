"""Members' plain text as safe HTML: paragraphs, line breaks, emphasis, lists and links.

The text goes through `markdown-it-py` (CommonMark, raw HTML off: a typed `<script>` stays
text) and its output through `nh3` (the Ammonia sanitiser) with the tags of Wagtail's
paragraph features (bold, italic, link, ol, ul): what is stored can be edited in Wagtail's
rich text editor and shown as it is.
"""

import nh3
from markdown_it import MarkdownIt

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = (
    MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    .disable(["heading", "lheading", "code", "fence", "blockquote", "hr", "image", "table"])
    .disable(["backticks", "html_inline", "html_block", "entity"], ignoreInvalid=True)
)


def render_markdown(text: str) -> str:
    """Sanitised HTML of `text` (empty for blank text)."""
    if not text or not text.strip():
        return ""
    html = _parser.render(text.replace("\r\n", "\n"))
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None
    ).strip()
