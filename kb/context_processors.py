from django.conf import settings
from wagtail.models import Site

from kb.permissions import user_access
from kb.selectors import public_pages
from kb.site_cache import remember


def _site_menus(site: Site) -> tuple[list[dict], list[dict]]:
    """The header menu and the footer links: the root's public live children."""
    nav_items, footer_links = [], []
    children = public_pages(site.root_page.get_children().live()).specific(defer=True)
    for child in children:
        item = {"title": child.title, "url": child.get_url()}
        if child.specific_class.__name__ == "StandardPage":
            footer_links.append(item)
        elif child.show_in_menus:
            nav_items.append(item)
    return nav_items, footer_links


def site(request):
    """Navigation and membership flags every page template needs."""
    site = Site.find_for_request(request)
    nav_items, footer_links = [], []
    if site is not None:
        nav_items, footer_links = remember(f"menus:{site.pk}", lambda: _site_menus(site))
        nav_items = [
            {**item, "current": request.path.startswith(item["url"] or "-")} for item in nav_items
        ]
    access = user_access(getattr(request, "user", None))
    return {
        "is_member": access.is_member,
        "can_access_admin": access.can_access_admin,
        "nav_items": nav_items,
        "footer_links": footer_links,
        "accessibility_contact": settings.TZNR_ACCESSIBILITY_CONTACT,
    }
