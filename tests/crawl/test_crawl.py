"""Crawl the demo site as an anonymous visitor, a member and an animator: no answer is a 5xx,
no link leads to a 404, and every kind of HTML page passes the Nu HTML checker.

The pages' axe audit runs in the real browser on one page of each kind
(tests/browser/test_crawl_accessibility.py), from this crawl's findings.
"""

import json
import subprocess

import pytest
from django.test import Client

from tests.browser import tools
from tests.crawl import crawler

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def nu_errors(pages: list[crawler.Fetched], folder) -> list[str]:
    for number, page in enumerate(pages):
        (folder / f"{number:04d}.html").write_bytes(page.html)
    run = subprocess.run(  # noqa: S603
        [
            tools.java(),
            "-jar",
            str(tools.vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    names = {f"{number:04d}.html": page.url for number, page in enumerate(pages)}
    return [
        f"- {names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} l.{m.get('lastLine')}: "
        f"{m['message']}"
        for m in json.loads(run.stderr or run.stdout)["messages"]
        if m["type"] in ("error", "non-document-error")
    ]


@pytest.mark.parametrize("role", list(crawler.ROLES))
def test_crawl_finds_no_server_error_no_broken_link_and_valid_html(role, request, tmp_path):
    crawl = crawler.crawl_as(role)
    request.config.stash.setdefault(crawler.CRAWLS, {})[role] = [p.url for p in crawl.sample()]
    fetched = crawl.fetched
    urls = list(fetched)
    print(f"\n{role}: {len(fetched)} URLs in {crawl.seconds:.1f} s")

    errors = [f"{f.status} {f.url} (linked from {f.found_on})" for f in crawl.errors()]
    assert not errors, "server errors:\n" + "\n".join(errors)
    broken = [f"{f.url} (linked from {f.found_on})" for f in crawl.broken()]
    assert not broken, "broken links:\n" + "\n".join(broken)

    # What the crawl must have reached, so that a crawl that stops early cannot pass.
    assert sum(1 for u in urls if crawler.MONTH.match(u.split("?")[0])) >= 96
    assert any(u.endswith(".ics") and "/calendrier" in u for u in urls)
    assert sum(1 for u in urls if u.startswith("/documents/")) >= 3
    if role != "animator":
        assert sum(1 for u in urls if u.startswith("/recherche/?")) >= 30  # facet links
    assert any("page=2" in u for u in urls)  # listings are walked page by page
    if role != "anonymous":
        assert sum(1 for u in urls if u.endswith("/vcard/")) >= 24
        assert any(u.startswith("/evenements/prive/") for u in urls)
    if role == "anonymous":  # the sitemap lists public pages only
        listed = crawler.sitemap_urls(Client())
        assert len(listed) > 100
        assert {fetched[u].status for u in listed} == {200}
    if role == "animator":
        assert fetched["/admin/"].status == 200
    assert not any(u.startswith("/admin/") and u != "/admin/" for u in urls)
    assert not any(u.startswith("/deconnexion/") for u in urls)

    pages = crawl.sample()
    assert len(pages) >= 15
    errors = nu_errors(pages, tmp_path)
    assert not errors, f"Nu HTML checker ({role}):\n" + "\n".join(errors)
