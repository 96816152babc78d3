from django.conf import settings
from wagtail.models import Site

from kb.permissions import is_member
from kb.selectors import public_pages


def site(request):
    """Navigation and membership flags every page template needs."""
    site = Site.find_for_request(request)
    nav_items, footer_links = [], []
    if site is not None:
        children = public_pages(site.root_page.get_children().live()).specific(defer=True)
        for child in children:
            url = child.get_url(request)  # the request caches the site's root paths
            item = {
                "title": child.title,
                "url": url,
                "current": request.path.startswith(url or "-"),
            }
            if child.specific_class.__name__ == "StandardPage":
                footer_links.append(item)
            elif child.show_in_menus:
                nav_items.append(item)
    user = getattr(request, "user", None)
    return {
        "is_member": is_member(user) if user is not None else False,
        "nav_items": nav_items,
        "footer_links": footer_links,
        "accessibility_contact": settings.TZNR_ACCESSIBILITY_CONTACT,
    }
