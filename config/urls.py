from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from kb import urls as kb_urls
from kb.forms import LoginForm
from search import urls as search_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("evenements/", include("events.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include(kb_urls)),
    path("", include(search_urls)),
]

if settings.DEBUG:
    from kb.views import debug_media

    # Local only: images and media; never the private documents folder (served by serve_view).
    urlpatterns += [path("media/<path:path>", debug_media)]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "kb.views.page_not_found"
handler500 = "kb.views.server_error"
