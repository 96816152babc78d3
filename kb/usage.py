"""What visitors use — a page read, a search made — announced to whoever listens (the feedback
app counts it), so that neither kb nor search knows who counts, or whether anyone does.

A page marks its response (`mark`, from the `before_serve_page` hook through the request);
`UsageMiddleware`, placed between the page cache's storing and fetching halves, carries the
mark into the cached copy and announces it for a page rendered now and for a copy the cache
serves alike. Listeners get the kind and the item's key, never the request: nothing about the
visitor reaches them. A listener that fails is logged; the page still answers.
"""

import logging

from django.dispatch import Signal

PAGE = "page"  # a Wagtail page read: key, its id
SEARCH = "search"  # a search made: query (as typed), results (how many hits)

# Sent with kind= and the kind's arguments (above); the sender is None.
used = Signal()

ATTRIBUTE = "tznr_usage"
logger = logging.getLogger(__name__)


def announce(kind: str, **details) -> None:
    """Tell the listeners; a listener's failure is logged, never raised."""
    for receiver, result in used.send_robust(sender=None, kind=kind, **details):
        if isinstance(result, Exception):
            logger.error("Usage not counted by %r (%s)", receiver, kind, exc_info=result)


def mark(request, kind: str, **details) -> None:
    """What this request's page is, announced once its response is a success."""
    setattr(request, ATTRIBUTE, (kind, details))


class UsageMiddleware:
    """Announces the mark of a successful GET. On a page rendered now the mark comes from the
    request and is copied onto the response before the page cache (outside this middleware)
    stores it; a copy the cache (inside) serves brings the mark back with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        found = getattr(response, ATTRIBUTE, None) or getattr(request, ATTRIBUTE, None)
        if found is not None and request.method == "GET" and response.status_code == 200:
            setattr(response, ATTRIBUTE, found)
            kind, details = found
            announce(kind, **details)
        return response
