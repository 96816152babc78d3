"""Members-only documents: never served to a visitor who may not see the page that uses them.

A document used by a members-only page (its attachments, a document block, a rich text link)
or uploaded in the « Réservé aux membres » collection goes only to members, whatever its
collection, through every URL that serves documents. The demo's own members-only documents
(the comptes rendus of the plénières) are read here as they were loaded.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, PageViewRestriction
from wagtail.rich_text import RichText

from demo.media import pdf_bytes
from kb.models import FichePage
from kb.permissions import MEMBER_GROUPS
from kb.services import MEMBERS_COLLECTION
from resources.models import ResourceIndexPage, ResourcePage
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
Document = get_document_model()


def demo_members_only_documents() -> list:
    """The documents of the demo's members-only deliverables (documents 14–17 of a fresh demo);
    not those of the demo's proposals in review (demo/contributions.py), drafts whose files
    only animators may read until publication."""
    restricted = PageViewRestriction.objects.values("page_id")
    pages = ResourcePage.objects.live().filter(pk__in=restricted)
    return list(Document.objects.filter(pk__in=pages.values("documents__document")))


def body_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_refused(response, *, login: bool):
    if login:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/connexion/?next=/documents/")
    else:
        assert response.status_code == 403
    assert b"%PDF" not in body_bytes(response)


@pytest.fixture
def visitors(member_client) -> dict[str, Client]:
    outsider, animator = Client(), Client()
    outsider.force_login(make_user("doc-externe"))
    animator.force_login(make_user("doc-animateur", "Animateur"))
    return {
        "anonymous": Client(),
        "outsider": outsider,
        "member": member_client,
        "animator": animator,
    }


@pytest.fixture
def public_document(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    document = Document(title="Note interne", collection=Collection.get_first_root_node())
    document.file.save("note-interne.pdf", ContentFile(pdf_bytes("Note", ["interne"])), save=True)
    return document


def restrict(page: Page) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))


# -- the demo's real documents ------------------------------------------------------------------


def test_the_demo_puts_members_only_documents_in_the_members_collection():
    documents = demo_members_only_documents()
    assert len(documents) == 4
    assert all(doc.filename.startswith("compte-rendu-pleniere-") for doc in documents)
    assert {doc.collection.name for doc in documents} == {MEMBERS_COLLECTION}
    assert Collection.objects.get(name=MEMBERS_COLLECTION).get_view_restrictions().exists()


def test_the_demo_members_only_documents_go_to_members_only(visitors):
    for document in demo_members_only_documents():
        assert_refused(visitors["anonymous"].get(document.url), login=True)
        assert_refused(visitors["anonymous"].head(document.url), login=True)
        assert_refused(visitors["anonymous"].get(document.url, HTTP_RANGE="bytes=0-99"), login=True)
        assert_refused(visitors["outsider"].get(document.url), login=False)
        for role in ("member", "animator"):
            response = visitors[role].get(document.url)
            assert response.status_code == 200, role
            assert body_bytes(response).startswith(b"%PDF")


def test_a_members_only_document_stays_private_in_the_public_collection(client, member_client):
    """The page decides, not only the collection: moved to the root, it is still refused."""
    document = demo_members_only_documents()[0]
    document.collection = Collection.get_first_root_node()
    document.save()
    assert_refused(client.get(document.url), login=True)
    assert member_client.get(document.url).status_code == 200


def test_the_demo_public_documents_stay_public(client):
    public = ResourcePage.objects.live().exclude(
        pk__in=PageViewRestriction.objects.values("page_id")
    )
    documents = Document.objects.filter(pk__in=public.values("documents__document"))
    assert documents.count() >= 5
    for document in documents[:5]:
        assert client.get(document.url).status_code == 200


def test_private_files_have_no_direct_media_url(client):
    for document in demo_members_only_documents():
        response = client.get(f"/media/{document.file.name}")
        assert response.status_code == 404
        assert b"%PDF" not in response.content


# -- any page that uses a document --------------------------------------------------------------


def fiche_with(document, *, how: str) -> FichePage:
    fiche = FichePage.objects.live().first()
    if how == "block":
        fiche.body = [("document", {"document": document, "title": "Annexe"})]
    elif how == "link":
        link = f'<p><a linktype="document" id="{document.pk}">annexe</a></p>'
        fiche.body = [("paragraph", RichText(link))]
    else:
        fiche.attachments.create(document=document, title="Annexe")
    fiche.save_revision().publish()
    return fiche


@pytest.mark.parametrize("how", ["block", "link", "attachment"])
def test_a_document_used_by_a_members_only_page_is_members_only(
    how, public_document, client, member_client
):
    fiche = fiche_with(public_document, how=how)
    assert client.get(public_document.url).status_code == 200  # the page is public
    restrict(fiche)
    assert_refused(client.get(public_document.url), login=True)
    assert member_client.get(public_document.url).status_code == 200
    PageViewRestriction.objects.filter(page=fiche).delete()
    assert client.get(public_document.url).status_code == 200


def test_a_members_only_section_covers_the_documents_of_its_pages(client, member_client):
    library = ResourceIndexPage.objects.get()
    public = ResourcePage.objects.live().exclude(
        pk__in=PageViewRestriction.objects.values("page_id")
    )
    document = Document.objects.filter(pk__in=public.values("documents__document")).first()
    assert client.get(document.url).status_code == 200
    restrict(library)
    assert_refused(client.get(document.url), login=True)
    assert member_client.get(document.url).status_code == 200


def test_a_document_shared_with_a_public_page_stays_members_only(public_document, client):
    public_fiche, private_fiche = FichePage.objects.live()[:2]
    public_fiche.attachments.create(document=public_document)
    public_fiche.save_revision().publish()
    private_fiche.attachments.create(document=public_document)
    private_fiche.save_revision().publish()
    restrict(private_fiche)
    assert_refused(client.get(public_document.url), login=True)


# -- search and listings ------------------------------------------------------------------------


def test_search_and_the_library_never_show_members_only_documents_to_visitors(client):
    documents = demo_members_only_documents()
    for document in documents:
        api = client.get("/api/search/", {"q": document.title}).content.decode()
        page = client.get("/recherche/", {"q": document.title}).content.decode()
        for body in (api, page):
            assert document.url not in body
            assert document.title not in body.replace(f"q={document.title}", "")
    library = client.get(ResourceIndexPage.objects.get().url).content.decode()
    for document in documents:
        assert document.url not in library


# -- animators manage the members-only collection -----------------------------------------------


def test_animators_manage_the_members_collection_and_upload_into_it(visitors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    animator = visitors["animator"]
    collection = Collection.objects.get(name=MEMBERS_COLLECTION)
    assert animator.get("/admin/collections/").status_code == 200
    assert animator.get(f"/admin/collections/{collection.pk}/").status_code == 200
    assert animator.get(f"/admin/collections/{collection.pk}/privacy/").status_code == 200
    assert animator.get("/admin/collections/add/").status_code == 200
    assert visitors["member"].get("/admin/collections/").status_code == 403

    response = animator.post(
        "/admin/documents/add/",
        {
            "title": "Compte rendu confidentiel",
            "file": SimpleUploadedFile("cr-confidentiel.pdf", pdf_bytes("CR", ["confidentiel"])),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Compte rendu confidentiel")
    assert document.collection == collection
    assert_refused(visitors["anonymous"].get(document.url), login=True)
    assert_refused(visitors["outsider"].get(document.url), login=False)
    assert visitors["member"].get(document.url).status_code == 200
