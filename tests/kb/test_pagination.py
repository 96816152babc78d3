"""The shared DSFR pagination: a bounded number of links however many pages there are."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def render(number: int, pages: int) -> str:
    page_obj = Paginator(range(pages * 10), 10).page(number)
    return render_to_string(
        "components/pagination.html", {"page_obj": page_obj, "page_query_string": "axis=x&"}
    )


def test_thousands_of_pages_get_a_dozen_links_around_the_current_one():
    html = render(500, 5000)
    numbers = re.findall(r'title="Page (\d+)"', html)
    assert numbers == ["1", "498", "499", "500", "501", "502", "5000"]
    assert html.count("…") == 2
    assert re.search(r'aria-current="page" title="Page 500"', html)
    assert 'href="?axis=x&amp;page=501"' in html and "Page suivante" in html


def test_a_few_pages_are_all_linked():
    html = render(1, 4)
    assert re.findall(r'title="Page (\d+)"', html) == ["1", "2", "3", "4"]
    assert "…" not in html and "Page précédente" not in html
