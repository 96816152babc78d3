"""The request's site, from the copies kept by kb.site_cache."""

from wagtail.models import Site
from wagtail.views import serve

from kb import private_api
from kb.site_cache import open_request_memo, page_version, remember


def _site_for_host(request) -> tuple[Site, type] | None:
    site = private_api.find_site(request)
    return (site, site.root_page.specific_class) if site is not None else None


class SiteMiddleware:
    """Hands Wagtail the request's site and site root paths from the cached copies.

    On a Wagtail page, the root page is read once, already in its own type (Wagtail reads
    the site, the root page, then its specific form: three queries).

    Every request first reads the shared page version, which drops this worker's copies when
    a change was committed by another process (another worker or server): the anonymous page
    cache has read it already for the requests it may serve, the others (members, forms)
    read it here. Without it a member could get a menu a minute old from a worker that no
    anonymous visitor reached since the change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "page_cache_version"):
            page_version()
        hostname, port = private_api.request_host(request)
        found = remember(f"site:{hostname}:{port}", lambda: _site_for_host(request))
        site, request.tznr_root_class = found if found else (None, None)
        private_api.hand_site_to_wagtail(
            request, site, remember("site-root-paths", Site.get_site_root_paths)
        )
        with open_request_memo():
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        site = Site.find_for_request(request)
        if view_func is serve and site is not None:
            site.root_page = request.tznr_root_class.objects.get(pk=site.root_page_id)
