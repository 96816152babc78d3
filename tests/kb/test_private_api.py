"""Each private Wagtail or Django API that kb.private_api uses still behaves as it relies on.

A Wagtail or Django upgrade that changes one of them fails here, with the function named.
"""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from kb import private_api
from kb.models import StandardPage
from tests.factories.kb import StandardPageFactory, site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """The default site, its home page and one page below it."""
    StandardPageFactory(parent=site_home(), title="Mentions légales")
    return Site.objects.get(is_default_site=True)


def test_request_host_is_the_raw_host_and_port_wagtail_matches(site):
    request = RequestFactory().get("/", HTTP_HOST="Exemple.ORG:8080", SERVER_PORT="8080")
    assert private_api.request_host(request) == ("exemple.org", "8080")


def test_find_site_is_wagtails_lookup_without_keeping_it_on_the_request(site):
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    assert private_api.find_site(request) == site
    assert Site.find_for_request(RequestFactory().get("/", HTTP_HOST=site.hostname)) == site


def test_wagtail_uses_the_site_and_root_paths_handed_to_it(site, django_assert_num_queries):
    request = RequestFactory().get("/")
    page = site.root_page.get_children().live().first()
    private_api.hand_site_to_wagtail(request, site, [])
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
        # No root path at all: Wagtail finds no site for the page, so it has no URL.
        assert page.get_url(request) is None
    private_api.hand_site_to_wagtail(request, site, Site.get_site_root_paths())
    assert page.get_url(request) == page.url


def test_a_remembered_parent_is_what_get_parent_answers_without_a_query(
    site, django_assert_num_queries
):
    parent = site.root_page
    child = Page.objects.get(pk=parent.get_children().first().pk)
    private_api.remember_parent(child, parent)
    with django_assert_num_queries(0):
        assert child.get_parent() is parent
        assert private_api.known_parent(child) is parent
    assert private_api.known_parent(Page.objects.get(pk=child.pk)) is None


class NeverStore(private_api.SelectiveUpdateCacheMiddleware):
    def may_store(self, request) -> bool:
        return False


class NeverServe(private_api.SelectiveFetchFromCacheMiddleware):
    def may_serve(self, request) -> bool:
        return False


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages-test": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.CACHE_MIDDLEWARE_ALIAS = "pages-test"
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    caches["pages-test"].clear()
    return caches["pages-test"]


def cacheable(request):
    return HttpResponse("contenu")


def served_from_cache(path="/page/"):
    request = RequestFactory().get(path)
    return private_api.SelectiveFetchFromCacheMiddleware(cacheable).process_request(request)


def test_django_stores_a_response_only_when_may_store_allows_it(page_cache):
    request = RequestFactory().get("/page/")
    private_api.SelectiveFetchFromCacheMiddleware(cacheable).process_request(request)
    private_api.SelectiveUpdateCacheMiddleware(cacheable).process_response(
        request, cacheable(request)
    )
    assert served_from_cache().content == b"contenu"  # stored by Django's own rules
    page_cache.clear()
    request = RequestFactory().get("/page/")
    private_api.SelectiveFetchFromCacheMiddleware(cacheable).process_request(request)
    NeverStore(cacheable).process_response(request, cacheable(request))
    assert served_from_cache() is None


def test_a_request_may_serve_refuses_is_neither_served_nor_stored(page_cache):
    request = RequestFactory().get("/page/")
    assert NeverServe(cacheable).process_request(request) is None
    private_api.SelectiveUpdateCacheMiddleware(cacheable).process_response(
        request, cacheable(request)
    )
    assert served_from_cache() is None


def test_the_session_store_knows_the_expiry_it_read_and_its_data():
    store = private_api.SessionStoreKnowingStoredExpiry()
    store["clé"] = "valeur"
    store.save(must_create=True)
    row = Session.objects.get(session_key=store.session_key)
    loaded = private_api.SessionStoreKnowingStoredExpiry(session_key=store.session_key)
    assert loaded.stored_expiry is None  # nothing read yet
    assert loaded["clé"] == "valeur"
    assert loaded.stored_expiry == row.expire_date
    assert loaded.current_data() == {"clé": "valeur"}
    assert row.expire_date > timezone.now() - datetime.timedelta(seconds=1)


def test_a_document_built_in_code_gets_the_size_and_hash_an_upload_would(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(title="Essai", file=ContentFile(b"%PDF-1.4 x", name="e.pdf"))
    private_api.set_document_file_metadata(document)
    assert document.file_size == 10
    assert len(document.file_hash) == 40


def test_a_child_path_is_where_add_child_puts_the_next_child(site):
    parent = site.root_page
    step = private_api.last_child_step(parent)
    predicted = private_api.child_path(parent, step + 1)
    child = parent.add_child(instance=Page(title="Enfant d'essai", slug="enfant-d-essai"))
    assert child.path == predicted
    assert private_api.last_child_step(Page.objects.get(pk=parent.pk)) == step + 1


def test_rows_of_a_page_type_table_are_inserted_for_existing_page_rows(site):
    parent = site.root_page
    base = parent.add_child(instance=Page(title="Base", slug="base-d-essai"))
    page = StandardPage(title="Base", slug="base-d-essai", body=[])
    page.pk = page.page_ptr_id = base.pk
    private_api.insert_child_table_rows(
        StandardPage, [page], list(StandardPage._meta.local_concrete_fields)
    )
    assert StandardPage.objects.get(pk=base.pk).title == "Base"
