"""A crawler for the demo site through Django's test client: every link a visitor can follow.

It starts from seeds (the home page, the sitemap's pages, months, searches), reads each HTML
page's links (`<a href>`, `<link href>`, `webcal://` subscriptions as their `.ics`) and each
seed search's facet checkboxes (as the URLs ticking them gives), and fetches each URL once.
It never sends a form: logout and every other change of state are POST forms, and the few GET
links that write (the directory's audited CSV export) are skipped, as is the admin beyond its
front page.
"""

import re
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import Site

MONTH = re.compile(r"^/evenements/(\d{4})/(\d{2})/$")
FIRST_YEAR, LAST_YEAR = 2023, 2030
# GET links that change something, or are not the site's pages.
SKIPPED = (
    re.compile(r"^/deconnexion/"),
    re.compile(r"^/annuaire/export\.csv"),  # each export is logged (an audit record)
    re.compile(r"^/static/"),
    re.compile(r"^/media/"),
)
SEARCH = "/recherche/"
TIMES_PER_RECORDING = 3


class _Links(HTMLParser):
    """The hrefs of a page, and the facet checkboxes of its facet form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.facets: list[tuple[str, str]] = []
        self._in_facets = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("a", "link") and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        elif tag == "form" and attributes.get("id") == "facettes":
            self._in_facets = True
        elif tag == "input" and self._in_facets and attributes.get("type") == "checkbox":
            self.facets.append((attributes.get("name", ""), attributes.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_facets = False


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    found_on: str
    html: bytes = b""
    location: str = ""

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html") and self.status == 200


@dataclass
class Crawl:
    role: str
    fetched: dict[str, Fetched] = field(default_factory=dict)
    seconds: float = 0.0

    def errors(self) -> list[Fetched]:
        return [f for f in self.fetched.values() if f.status >= 500]

    def broken(self) -> list[Fetched]:
        """Links found on a page that lead nowhere."""
        return [f for f in self.fetched.values() if f.status == 404 and f.found_on != "seed"]

    def html_pages(self) -> list[Fetched]:
        return [f for f in self.fetched.values() if f.is_html]

    def sample(self, *, skip_shapes: set[str] = frozenset()) -> list[Fetched]:
        """One HTML page of each shape (see `shape`), as served."""
        return [
            page for page in self.html_pages() if page.html and shape(page.url) not in skip_shapes
        ]


class Crawler:
    def __init__(
        self, client: Client, *, role: str, hosts: set[str], admin_front_page=False, facets=True
    ):
        self.client = client
        self.role = role
        self.hosts = hosts | {"", "testserver"}
        self.admin_front_page = admin_front_page
        self.follow_facets = facets
        self.times_seen: dict[str, int] = {}

    def local(self, href: str, base: str) -> str | None:
        """The site path (with its query) `href` leads to, or None when it is not followed."""
        if href.startswith("webcal://"):
            href = "http://" + href.removeprefix("webcal://")
        parts = urlsplit(urljoin("http://testserver" + base, href))
        if parts.scheme not in ("http", "https") or parts.hostname not in self.hosts:
            return None
        path = parts.path or "/"
        if any(pattern.match(path) for pattern in SKIPPED):
            return None
        if path.startswith("/admin/") and not (self.admin_front_page and path == "/admin/"):
            return None
        month = MONTH.match(path)
        if month and not FIRST_YEAR <= int(month.group(1)) <= LAST_YEAR:
            return None
        if path == "/connexion/":  # every page links to it with its own `next`: one form
            return path
        query = parse_qsl(parts.query, keep_blank_values=True)
        if [key for key, _ in query] == ["t"]:
            # A transcript time (?t=754) starts the same page's player elsewhere: a few do.
            self.times_seen[path] = self.times_seen.get(path, 0) + 1
            if self.times_seen[path] > TIMES_PER_RECORDING:
                return None
        return path + (f"?{parts.query}" if parts.query else "")

    def facet_urls(self, url: str, facets: list[tuple[str, str]]) -> list[str]:
        """The search `url` with each facet value ticked (or unticked, when it was)."""
        parts = urlsplit(url)
        params = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"]
        urls = []
        for name, value in facets:
            toggled = (
                [p for p in params if p != (name, value)]
                if (name, value) in params
                else [*params, (name, value)]
            )
            urls.append(f"{parts.path}?{urlencode(toggled)}")
        return urls

    def run(self, seeds: list[str], *, budget: int = 5000) -> Crawl:
        crawl = Crawl(self.role)
        started = time.monotonic()
        queue = deque((url, "seed") for url in seeds)
        seed_set = set(seeds)
        queued = set(seeds)
        kept_shapes: set[str] = set()
        while queue:
            url, found_on = queue.popleft()
            if len(crawl.fetched) >= budget:
                raise AssertionError(f"{self.role}: more than {budget} URLs, is a link unbounded?")
            fetched = self.fetch(url, found_on)
            crawl.fetched[url] = fetched
            for link in self.links(fetched, is_seed=url in seed_set):
                if link not in queued:
                    queued.add(link)
                    queue.append((link, url))
            if fetched.is_html:  # only the first page of each shape is kept (audit sample)
                if shape(url) in kept_shapes:
                    fetched.html = b""
                kept_shapes.add(shape(url))
        crawl.seconds = time.monotonic() - started
        return crawl

    def fetch(self, url: str, found_on: str) -> Fetched:
        response = self.client.get(url)
        fetched = Fetched(
            url=url,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            found_on=found_on,
            location=response.get("Location", ""),
        )
        if response.streaming:
            # The whole file is served; the test client closes the response at the end (an
            # explicit close() would end the request and close the test's connection).
            for _chunk in response.streaming_content:
                pass
        elif fetched.is_html:
            fetched.html = response.content
        return fetched

    def links(self, fetched: Fetched, *, is_seed: bool) -> list[str]:
        if fetched.status in (301, 302, 303, 307, 308):
            target = self.local(fetched.location, fetched.url)
            # Sign-in redirects all lead to the same form, with another `next`.
            return [target] if target and not target.startswith("/connexion/") else []
        if not fetched.is_html:
            return []
        parser = _Links()
        parser.feed(fetched.html.decode("utf-8", "replace"))
        links = [self.local(href, fetched.url) for href in parser.hrefs]
        on_search = urlsplit(fetched.url).path == SEARCH
        if on_search and is_seed and self.follow_facets:
            links += self.facet_urls(fetched.url, parser.facets)
        # Searches reached from a search (facets, sort, pages) stop there: a few searches are
        # crawled with all their facets, not every combination of them.
        return [
            link
            for link in links
            if link and (is_seed or not on_search or urlsplit(link).path != SEARCH)
        ]


def month_urls() -> list[str]:
    return [
        f"/evenements/{year}/{month:02d}/"
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for month in range(1, 13)
    ]


def sitemap_urls(client: Client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200, response.status_code
    return [
        urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    ]


# An empty search lists every facet value; a text search, those of its hits.
SEARCHES = ["/recherche/?q=aller+vers", "/recherche/?q="]


def seeds(client: Client) -> list[str]:
    return ["/", "/sitemap.xml", *sitemap_urls(client), *month_urls(), *SEARCHES]


def shape(url: str) -> str:
    """URLs that one template draws alike: first path segment kept, the rest as `*`, with the
    names of the query parameters (an audit sample takes one URL per shape)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    kept = segments[:1] + ["*"] * (len(segments) - 1)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return "/" + "/".join(kept) + ("?" + "&".join(keys) if keys else "")


ROLES = {"anonymous": None, "member": "membre", "animator": "animateur"}  # demo accounts
# Each role's crawl, kept for the browser's axe audit of the same pages (tests/browser).
CRAWLS = pytest.StashKey[dict]()


def crawl_as(role: str) -> Crawl:
    client = Client(raise_request_exception=False)
    if ROLES[role]:
        client.force_login(User.objects.get(username=ROLES[role]))
    hosts = set(Site.objects.values_list("hostname", flat=True))
    # An animator's searches are a member's: their facets are crawled once, as a member.
    animator = role == "animator"
    site = Crawler(client, role=role, hosts=hosts, admin_front_page=animator, facets=not animator)
    return site.run(seeds(client))
