"""kb.markdown: the Markdown subset members write, checked by a second HTML parser."""

from html.parser import HTMLParser

import pytest

from kb.markdown import plain_text, render_markdown

ALLOWED = {"p", "br", "ul", "ol", "li", "a", "em", "strong", "code"}

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="https://ex.org" onclick="alert(1)">a</a>',
    "<svg onload=alert(1)>",
    "<iframe src=https://ex.org></iframe>",
    '[a](https://ex.org "x" onmouseover=alert(1))',
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    "![x](https://ex.org/x.png)",
    "<!-- --><script>alert(1)</script>",
]


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict]]:
    collector = Collector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize("payload", XSS)
def test_no_payload_becomes_markup(payload):
    for tag, attrs in parsed(render_markdown(payload)):
        assert tag in ALLOWED, (payload, tag)
        assert set(attrs) <= {"href", "rel", "start"}, (payload, attrs)
        if tag == "a":
            assert attrs["href"].startswith(("http://", "https://", "mailto:")), attrs


def test_the_subset_renders_paragraphs_lists_links_and_emphasis():
    html = render_markdown(
        "Un *premier* **paragraphe**.\n\n- un\n- deux\n\n1. trois\n\n[Le guide](https://ex.org/g)"
    )
    tags = [tag for tag, _ in parsed(html)]
    assert tags.count("p") == 2
    assert {"em", "strong", "ul", "ol", "li", "a"} <= set(tags)
    link = next(attrs for tag, attrs in parsed(html) if tag == "a")
    assert link == {"href": "https://ex.org/g", "rel": "nofollow ugc noopener"}


def test_headings_images_and_raw_html_stay_text():
    html = render_markdown("# Titre\n\n<b>gras</b>")
    assert [tag for tag, _ in parsed(html)] == ["p", "p"]
    assert "&lt;b&gt;" in html


def test_plain_text_drops_the_marks():
    assert plain_text("Un *mot* et [un lien](https://ex.org)\n\n- a") == "Un mot et un lien a"
