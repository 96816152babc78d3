"""The whole-page cache serves anonymous visitors only, never a signed-in member."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import PageViewRestriction

from config.settings.base import with_page_cache
from kb.models import FichePage, HomePage
from kb.services import members_collection_get_or_create
from kb.site_cache import PAGE_VERSION_KEY
from tests.factories.kb import FichePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

CACHED = with_page_cache(settings.MIDDLEWARE)  # as settings order them with the page cache on


@pytest.fixture
def page_cache(site_tree):
    cache.clear()
    with override_settings(MIDDLEWARE=CACHED, CACHE_MIDDLEWARE_SECONDS=60):
        yield
    cache.clear()


def rename_home(title: str) -> None:
    HomePage.objects.update(title=title)


def test_anonymous_page_is_served_from_the_cache(client, page_cache):
    first = client.get("/")
    assert first.status_code == 200
    rename_home("Titre modifié après mise en cache")
    again = client.get("/")
    assert again.content == first.content


def stored_pages() -> list[str]:
    return [key for key in cache._cache if "cache_page" in key]  # LocMemCache in tests


def test_member_pages_are_never_cached_nor_served_from_the_cache(client, member_client, page_cache):
    client.get("/")
    assert stored_pages()
    rename_home("Nouveau titre visible des membres")
    member_page = member_client.get("/")
    assert b"Nouveau titre visible des membres" in member_page.content
    assert b"/deconnexion/" in member_page.content
    cache.clear()
    member_client.get("/")
    assert stored_pages() == []


# -- a change of access takes effect at once ----------------------------------------------------


@pytest.fixture
def cached_fiche(client, page_cache, site_tree):
    """A public fiche, requested until it is served from this process's page cache."""
    fiche = FichePageFactory(parent=site_tree.fiches)
    first = client.get(fiche.url)
    assert first.status_code == 200
    FichePage.objects.filter(pk=fiche.pk).update(title="Titre changé sans signal")
    assert client.get(fiche.url).content == first.content  # from the cache
    return fiche


def test_a_restriction_is_enforced_at_once_on_cached_pages(
    client, cached_fiche, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=cached_fiche, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get(cached_fiche.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get(cached_fiche.url).status_code == 200


def test_an_unpublished_page_leaves_the_cache_at_once(
    client, cached_fiche, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cached_fiche.unpublish()
    assert client.get(cached_fiche.url).status_code == 404


def test_a_deleted_page_leaves_the_cache_at_once(
    client, cached_fiche, django_capture_on_commit_callbacks
):
    url = cached_fiche.url
    with django_capture_on_commit_callbacks(execute=True):
        cached_fiche.delete()
    assert client.get(url).status_code == 404


def test_a_version_moved_by_another_process_is_seen_on_the_next_hit(client, cached_fiche):
    """What a change in another worker or server does: it moves the shared version."""
    cache.set(PAGE_VERSION_KEY, "moved-by-another-process", timeout=None)
    assert "Titre changé sans signal" in client.get(cached_fiche.url).content.decode()


def test_images_are_checked_on_every_request_never_served_from_the_page_cache(
    client, page_cache, settings, tmp_path
):
    """With nginx sending files, an image's answer is a small cacheable response: were it kept,
    an image moved to the members' collection (which moves no page version) would stay public."""
    settings.MEDIA_ROOT = tmp_path
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_ROOT = str(tmp_path)
    settings.SENDFILE_URL = "/fichiers-verifies"
    image = ImageFactory()
    src = image.get_rendition("width-800").url
    assert client.get(src).status_code == 200
    assert client.get(src).status_code == 200
    assert stored_pages() == []
    image.collection = members_collection_get_or_create()
    image.save()
    assert client.get(src).status_code == 302
