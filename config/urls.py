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
from infra.views import debug_media
from observatory import urls as observatory_urls
from proconnect import urls as proconnect_urls
from search import urls as search_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("evenements/", include(events_urls)),
    path("proconnect/", include(proconnect_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include(directory_urls)),
    path("", include(contributions_urls)),
    path("", include(essaimage_urls)),
    path("", include(follows_urls)),
    path("", include(exchange_urls)),
    path("", include(search_urls)),
    path("", include(observatory_urls)),
    path("", include(feedback_urls)),
]

if settings.DEBUG:
    # Local only: images and media; never the private documents folder (served by serve_view).
    urlpatterns += [path("media/<path:path>", debug_media)]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "infra.views.page_not_found"
handler500 = "infra.views.server_error"
