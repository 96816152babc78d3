from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from directory import urls as directory_urls
from events import urls as events_urls
from kb.views.media import serve_image
from search import urls as search_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("evenements/", include(events_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Image renditions, at the URL their storage gives them, each checked (kb.views.media);
    # nothing else under MEDIA_URL is served (documents have /documents/, originals no URL).
    path(f"{settings.MEDIA_URL.lstrip('/')}images/<str:name>", serve_image, name="image"),
    path("", include(directory_urls)),
    path("", include(search_urls)),
]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "infra.views.page_not_found"
handler500 = "infra.views.server_error"
