"""The whole-page cache serves anonymous visitors only, never a signed-in member."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from config.settings.base import with_page_cache
from kb.models import HomePage

CACHED = with_page_cache(settings.MIDDLEWARE)  # as settings order them with the page cache on


@pytest.fixture
def page_cache(db):
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
