"""Every response carries a Permissions-Policy that turns off the browser features the site
never uses (camera, microphone, geolocation, payment, usb…); the video player keeps
fullscreen and picture-in-picture for the site itself."""

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from config.settings.base import with_page_cache
from tests.factories.kb import FichePageFactory

pytestmark = pytest.mark.django_db

OFF = ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "bluetooth")


def policy(response) -> dict[str, str]:
    """`feature=(allowlist)` items of the header, as a dictionary structured field reads."""
    assert "Permissions-Policy" in response, response.request["PATH_INFO"]
    items = {}
    for item in response["Permissions-Policy"].split(","):
        name, _, allowlist = item.strip().partition("=")
        assert allowlist.startswith("(") and allowlist.endswith(")"), item
        items[name] = allowlist[1:-1]
    return items


def assert_features_off(response):
    items = policy(response)
    for feature in OFF:
        assert items[feature] == "", feature
    assert items["fullscreen"] == "self"
    assert items["picture-in-picture"] == "self"


@pytest.fixture
def document(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(title="Guide", collection=Collection.get_first_root_node())
    document.file.save("guide.pdf", ContentFile(b"%PDF-1.4 guide"), save=True)
    return document


def test_every_kind_of_response_sends_the_permissions_policy(
    client, member_client, document, site_tree
):
    fiche = FichePageFactory(parent=site_tree.fiches)
    responses = [
        client.get("/"),  # a page
        client.get(fiche.url),
        client.get("/cette-page-n-existe-pas/"),  # 404
        client.get("/annuaire/"),  # redirect to the login form
        client.get("/api/search/?q=droits"),  # JSON
        client.get("/evenements/calendrier.ics"),  # calendar feed
        client.get(document.url),  # a download
        client.get("/admin/login/"),  # the Wagtail admin
        member_client.get("/annuaire/"),  # a signed-in page
        member_client.get("/admin/"),  # 403
    ]
    assert {response.status_code for response in responses} >= {200, 302, 403, 404}
    for response in responses:
        assert_features_off(response)


def test_pages_served_from_the_anonymous_page_cache_keep_the_policy(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pp"},
    }
    settings.CACHE_MIDDLEWARE_ALIAS = "pages"
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    settings.MIDDLEWARE = with_page_cache(settings.MIDDLEWARE)
    client.get("/")
    cached = client.get("/")
    assert caches["pages"]._cache, "the second answer came from the page cache"
    assert_features_off(cached)
