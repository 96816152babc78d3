"""Members-only images: never served to a visitor who may not see a page that shows them.

An image used by a members-only page (an image block, a rich text embed; the restriction on
the page or a section above it) or put in the « Réservé aux membres » collection goes only to
members: its renditions at the URLs `{% image %}` writes (`/media/images/…`), and never its
original, which has no URL. Each test builds its pages and real image files (Pillow).
"""

import io
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from PIL import Image as PillowImage
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from kb.permissions import MEMBER_GROUPS
from kb.services import members_collection_get_or_create
from tests.factories.kb import FichePageFactory, ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db
PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, max-age=3600"


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src", ""))


def image_sources(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    parser = _Images()
    parser.feed(response.content.decode())
    return [src for src in parser.sources if src.startswith("/media/")]


def body_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_image(response, *, cache: str) -> bytes:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == cache
    assert response["X-Content-Type-Options"] == "nosniff"
    data = body_bytes(response)
    assert PillowImage.open(io.BytesIO(data)).size == (160, 90)
    return data


def assert_refused(response, *, login: bool):
    if login:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/connexion/?next=/media/images/")
    else:
        assert response.status_code == 403, response.status_code
    assert b"\xff\xd8" not in body_bytes(response)  # no JPEG


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def fiches(site_tree):
    return site_tree.fiches


@pytest.fixture
def outsider_client(outsider):
    browser = Client()
    browser.force_login(outsider)
    return browser


def restrict(page: Page) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))
    return restriction


def fiche_showing(image, *, parent, how: str = "block"):
    fiche = FichePageFactory(parent=parent)
    if how == "embed":
        embed = f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Photo"/>'
        fiche.body = [("paragraph", RichText(f"<p>Avant</p>{embed}"))]
    else:
        fiche.body = [("image", {"image": image, "alt_text": "Photo", "decorative": False})]
    fiche.save_revision().publish()
    return fiche


def test_an_image_of_a_public_page_is_served_to_anyone_and_may_be_cached(client, fiches):
    fiche = fiche_showing(ImageFactory(), parent=fiches)
    [src] = image_sources(client.get(fiche.url))
    assert src.startswith("/media/images/photo")
    assert_image(client.get(src), cache=PUBLIC_CACHE)
    head = client.head(src)
    assert head.status_code == 200
    assert head["Cache-Control"] == PUBLIC_CACHE
    assert "Cookie" not in head.get("Vary", "")  # one copy for everyone


@pytest.mark.parametrize("how", ["block", "embed", "section"])
def test_an_image_of_a_members_only_page_goes_to_members_only(
    how, client, member_client, outsider_client, fiches
):
    section = StandardPageFactory(parent=fiches.get_parent())
    image = ImageFactory()
    fiche = fiche_showing(image, parent=section if how == "section" else fiches, how=how)
    restrict(section if how == "section" else fiche)
    [src] = image_sources(member_client.get(fiche.url))
    assert src.startswith("/media/images/photo")

    assert_refused(client.get(src), login=True)
    assert_refused(client.head(src), login=True)
    assert_refused(client.get(src, HTTP_RANGE="bytes=0-9"), login=True)
    assert_refused(outsider_client.get(src), login=False)

    whole = assert_image(member_client.get(src), cache=PRIVATE_CACHE)
    head = member_client.head(src)
    assert (head.status_code, head["Cache-Control"]) == (200, PRIVATE_CACHE)
    assert int(head["Content-Length"]) == len(whole)
    part = member_client.get(src, HTTP_RANGE="bytes=0-9")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-9/{len(whole)}"
    assert body_bytes(part) == whole[:10]


def test_an_image_of_a_public_and_a_members_only_page_is_members_only(
    client, member_client, fiches
):
    image = ImageFactory()
    public = fiche_showing(image, parent=fiches)
    restrict(fiche_showing(image, parent=fiches))
    [src] = image_sources(client.get(public.url))
    assert_refused(client.get(src), login=True)
    assert_image(member_client.get(src), cache=PRIVATE_CACHE)


def test_an_image_in_the_members_collection_is_members_only_before_any_page_uses_it(
    client, member_client, outsider_client, db
):
    image = ImageFactory(collection=members_collection_get_or_create())
    src = image.get_rendition("width-800").url
    assert_refused(client.get(src), login=True)
    assert_refused(outsider_client.get(src), login=False)
    assert_image(member_client.get(src), cache=PRIVATE_CACHE)


def test_an_image_becomes_public_once_its_page_restriction_is_removed(client, fiches):
    image = ImageFactory()
    fiche = fiche_showing(image, parent=fiches)
    restriction = restrict(fiche)
    src = image.get_rendition("width-800").url
    assert_refused(client.get(src), login=True)
    restriction.delete()
    assert_image(client.get(src), cache=PUBLIC_CACHE)


def test_originals_and_other_media_have_no_url(client, member_client, media, db):
    image = ImageFactory()
    image.get_rendition("width-800")
    assert image.file.name.startswith("original_images/")
    assert (media / image.file.name).is_file()
    for browser in (client, member_client):
        for url in (
            f"/media/{image.file.name}",
            f"/media/images/../{image.file.name}",
            f"/media/images/%2E%2E%2F{image.file.name.replace('/', '%2F')}",
            "/media/documents/",
        ):
            response = browser.get(url)
            assert response.status_code == 404, url
            assert b"\xff\xd8" not in body_bytes(response)


@pytest.mark.parametrize(
    "name",
    [
        "..",
        "%2E%2E",
        "absente.jpg",
        "photo%00.jpg",
        "%00",
        "x" * 300 + ".jpg",
        "%FF%FE.jpg",
        "%C3%28.jpg",
        "photo.jpg%0A",
        "..%5C..%5Cpyproject.toml",
    ],
)
def test_hostile_or_unknown_image_names_are_not_found(name, client, member_client, db):
    ImageFactory().get_rendition("width-800")
    for browser in (client, member_client):
        response = browser.get(f"/media/images/{name}")
        assert response.status_code in (400, 404), (name, response.status_code)


def test_image_urls_only_answer_reads(client, fiches):
    src = ImageFactory().get_rendition("width-800").url
    assert client.post(src).status_code == 405


@pytest.fixture
def nginx(settings, media):
    """Production's sending (TZNR_SENDFILE_URL): Django checks, nginx sends the file."""
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_ROOT = str(media)
    settings.SENDFILE_URL = "/fichiers-verifies"


def test_with_nginx_django_checks_and_nginx_sends_the_file(
    nginx, client, member_client, fiches, media
):
    image = ImageFactory()
    fiche = fiche_showing(image, parent=fiches)
    [src] = image_sources(client.get(fiche.url))
    name = src.removeprefix("/media/images/")
    assert (media / "images" / name).is_file()
    public = client.get(src)
    assert public.status_code == 200
    assert public["X-Accel-Redirect"] == f"/fichiers-verifies/images/{name}"
    assert public["Content-Type"] == "image/jpeg"
    assert public["Cache-Control"] == PUBLIC_CACHE
    assert public.content == b""
    restrict(fiche)
    refused = client.get(src)
    assert refused.status_code == 302
    assert not refused.has_header("X-Accel-Redirect")
    member = member_client.get(src)
    assert member["X-Accel-Redirect"] == f"/fichiers-verifies/images/{name}"
    assert member["Cache-Control"] == PRIVATE_CACHE
