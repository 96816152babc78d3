"""Images in a real browser, from a real server: pages still show them, each checked by Django.

Django's test live server answers `/media/…` from MEDIA_ROOT itself, before the site's URLs,
so this test runs gunicorn instead (tests/live_site.py) on the demo, to which it adds a public
fiche and a members-only fiche, each showing an image (a real JPEG). Chromium draws the first
for anyone, the second once a member has signed in; the second's URL sends an anonymous
visitor to the login form.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.models import PageViewRestriction

from config.settings import base
from kb.models import FicheIndexPage
from kb.permissions import MEMBER_GROUPS
from tests import live_site
from tests.browser.helpers import MEMBER, log_in
from tests.factories.kb import FichePageFactory, ImageFactory

pytestmark = pytest.mark.writes

DRAWN = "img => img.complete && img.naturalWidth > 0"


def fiche_showing_an_image(parent, *, members_only: bool) -> str:
    fiche = FichePageFactory(parent=parent)
    fiche.body = [("image", {"image": ImageFactory(), "alt_text": "Photo", "decorative": False})]
    fiche.save_revision().publish()
    if members_only:
        restriction = PageViewRestriction.objects.create(
            page=fiche, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))
    return fiche.url


@pytest.fixture
def site(tmp_path):
    """gunicorn on what this (transactional) test committed: the PostgreSQL test database
    itself, or a file copy of the in-memory SQLite one."""
    parent = FicheIndexPage.objects.live().first()
    fiches = {
        "public": fiche_showing_an_image(parent, members_only=False),
        "members": fiche_showing_an_image(parent, members_only=True),
    }
    if connection.vendor == "sqlite":
        with live_site.database_copy(tmp_path) as url:
            live_site.site_call(url, "tests.live_site:create_cache_table")
            with live_site.Gunicorn(url, workers=2, ELASTICSEARCH_URL="") as server:
                yield server, fiches
    else:
        with override_settings(CACHES=base.CACHES):  # the servers' database cache table
            call_command("createcachetable", verbosity=0)
        url = live_site.test_database_url()
        with live_site.Gunicorn(url, workers=2, ELASTICSEARCH_URL="") as server:
            yield server, fiches


def drawn_image(page) -> str:
    image = page.locator("main img[src^='/media/images/']")
    assert image.count() == 1
    page.wait_for_function(DRAWN, arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") == 160
    return image.get_attribute("src")


def test_pages_show_their_images_to_whoever_may_see_them(site, browser):
    server, fiches = site
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(server.url + fiches["public"])
        public = page.request.get(server.url + drawn_image(page))
        assert public.status == 200
        assert public.headers["cache-control"] == "public, max-age=3600"

        page.goto(server.url + fiches["members"])
        assert "/connexion/" in page.url
        log_in(page, lambda path: server.url + path, MEMBER, next_path=fiches["members"])
        src = drawn_image(page)
        member = page.request.get(server.url + src)
        assert (member.status, member.headers["content-type"]) == (200, "image/jpeg")
        assert member.headers["cache-control"] == "private, max-age=3600"

        anonymous = browser.new_context()
        refused = anonymous.request.get(server.url + src, max_redirects=0)
        assert refused.status == 302, server.output()[-3000:]
        assert refused.headers["location"].startswith("/connexion/")
        anonymous.close()
    finally:
        context.close()
