"""Every use of a private Wagtail or Django API (a name with a leading underscore), here only.

Each one saves work on every request (bench/RESULTS.md, « Pages »). The rest of the code
calls the functions and classes below; `tests/kb/test_private_api.py` pins the behaviour
each one relies on, so that a Wagtail or Django upgrade that changes it fails there first.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.http.request import split_domain_port
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from wagtail.models import Page, Site

# -- Wagtail: the request's site and site root paths ------------------------------------------


def request_host(request) -> tuple[str, str]:
    """The (hostname, port) Wagtail matches sites on: the raw Host header, as Wagtail reads
    it (no ALLOWED_HOSTS check: Django's own middleware makes it before any view)."""
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def find_site(request) -> Site | None:
    """Wagtail's site lookup for the request, without keeping the result on the request."""
    return Site._find_for_request(request)


def hand_site_to_wagtail(request, site: Site | None, root_paths: list) -> None:
    """Make Wagtail use this site and these root paths for the request, without reading them
    (`Site.find_for_request` and `Page._get_site_root_paths` look for these attributes)."""
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = root_paths


# -- treebeard (Wagtail's page tree): a page's parent known from the routing chain ------------


def remember_parent(child: Page, parent: Page) -> None:
    """`child.get_parent()` then answers `parent` without a query."""
    child._cached_parent_obj = parent


def known_parent(page: Page) -> Page | None:
    """The parent set by `remember_parent` (or read by `get_parent`), if any."""
    return getattr(page, "_cached_parent_obj", None)


# -- treebeard and Django: pages written in bulk (bench/management/commands/bench_load.py) -----


def last_child_step(parent: Page) -> int:
    """The position number of the parent's last child in the tree path (0 without one)."""
    last = parent.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) if last else 0


def child_path(parent: Page, step: int) -> str:
    """The tree path of the parent's child at position `step`, as `add_child` would write it."""
    return Page._get_path(parent.path, parent.depth + 1, step)


def insert_child_table_rows(model, pages: list, fields: list) -> None:
    """INSERT the rows of a multi-table model's own table only (the parent rows exist)."""
    model._base_manager._insert(pages, fields=fields)


# -- Wagtail documents: size and hash of a file attached in code --------------------------------


def set_document_file_metadata(document) -> None:
    """What Wagtail's upload form sets (file size and hash) for a document built in code."""
    document._set_document_file_metadata()


# -- Django's whole-page cache: a public hook to leave a request out --------------------------


class SelectiveUpdateCacheMiddleware(UpdateCacheMiddleware):
    """Django's, asking `may_store(request)` before storing a response."""

    def may_store(self, request) -> bool:
        return True

    def _should_update_cache(self, request, response):
        return super()._should_update_cache(request, response) and self.may_store(request)


class SelectiveFetchFromCacheMiddleware(FetchFromCacheMiddleware):
    """Django's, asking `may_serve(request)` first; a request it refuses is neither served
    from the cache nor stored in it."""

    def may_serve(self, request) -> bool:
        return True

    def process_request(self, request):
        if not self.may_serve(request):
            request._cache_update_cache = False
            return None
        return super().process_request(request)


# -- Django's database sessions: the expiry as stored ----------------------------------------


class SessionStoreKnowingStoredExpiry(DatabaseSessionStore):
    """Django's database session store, remembering the expiry date read from the row
    (`stored_expiry`) and giving the session data it holds (`current_data`)."""

    stored_expiry = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.stored_expiry = session.expire_date if session is not None else None
        return session

    def current_data(self) -> dict:
        return self._get_session()
