from django.conf import settings
from wagtail.models import Site

from kb.permissions import is_member


def site(request):
    """Navigation and membership flags every page template needs."""
    site = Site.find_for_request(request)
    nav_items, footer_links = [], []
    if site is not None:
        children = site.root_page.get_children().live().public().specific(defer=True)
        for child in children:
            item = {
                "title": child.title,
                "url": child.url,
                "current": request.path.startswith(child.url or "-"),
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
