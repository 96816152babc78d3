from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from contributions import urls as contributions_urls
from directory import urls as directory_urls
from essaimage import urls as essaimage_urls
from events import urls as events_urls
from exchange import urls as exchange_urls
from feedback import urls as feedback_urls
from follows import urls as follows_urls
from infra.views import health
from kb.views.media import serve_image
from observatory import urls as observatory_urls
from proconnect import urls as proconnect_urls
from search import urls as search_urls

urlpatterns = [
    path("healthz/", health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("evenements/", include(events_urls)),
    path("proconnect/", include(proconnect_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Image renditions, at the URL their storage gives them, each checked (kb.views.media);
    # nothing else under MEDIA_URL is served (documents have /documents/, originals no URL).
    path(f"{settings.MEDIA_URL.lstrip('/')}images/<str:name>", serve_image, name="image"),
    path("", include(directory_urls)),
    path("", include(contributions_urls)),
    path("", include(essaimage_urls)),
    path("", include(follows_urls)),
    path("", include(exchange_urls)),
    path("", include(search_urls)),
    path("", include(observatory_urls)),
    path("", include(feedback_urls)),
]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "infra.views.page_not_found"
handler500 = "infra.views.server_error"
