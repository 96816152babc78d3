"""The searchable documents: built from page rows, the same for a rebuild and a single page."""

import pytest
from wagtail.models import PageViewRestriction

from kb.blocks import BodyBlock
from kb.models import FicheIndexPage, FichePage, Territory
from search.documents import all_documents, document_for_key, stream_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_every_page_document_of_a_rebuild_is_the_one_built_for_that_page_alone():
    documents = [d for d in all_documents() if d.key.startswith("page:")]
    assert {d.kind for d in documents} == {"fiche", "evenement", "enregistrement", "ressource"}
    for document in documents:
        assert document_for_key(document.key) == document


def test_stream_text_keeps_the_words_and_drops_markup_choices_and_ids():
    body = [
        {"type": "heading", "value": {"text": "Le bus des droits", "level": "h2"}, "id": "a"},
        {
            "type": "paragraph",
            "value": '<p>Une <b>permanence</b> &amp; un <a href="/x">lien</a></p>'
            "<ul><li>un</li><li>deux</li></ul>",
            "id": "b",
        },
        {"type": "callout", "value": {"title": "", "text": "<p>À retenir</p>"}, "id": "c"},
        {"type": "quote", "value": {"text": "Merci", "source": "Une usagère"}, "id": "d"},
        {"type": "document", "value": {"document": 12, "title": "Le guide"}, "id": "e"},
        {"type": "unknown", "value": "ignored", "id": "f"},
    ]
    assert stream_text(BodyBlock(), body) == [
        "Le bus des droits",
        "Une permanence & un lien un deux",
        "À retenir",
        "Merci",
        "Une usagère",
        "Le guide",
    ]
    assert stream_text(BodyBlock(), None) == []


def test_a_fiche_document_has_its_facets_url_and_text():
    fiche = FichePage.objects.live().exclude(territories=None).first()
    document = document_for_key(f"page:{fiche.pk}")
    assert document.kind == "fiche"
    assert document.title == fiche.title
    assert document.url == fiche.get_url()
    assert fiche.chapo in document.text
    assert document.facets["territory"] == sorted(t.slug for t in fiche.territories.all())
    assert document.facets["public"] == sorted(p.slug for p in fiche.publics.all())
    assert document.facets["tag"] == sorted(t.name for t in fiche.tags.all())
    assert document.facets["axis"] == [fiche.axis.slug]
    assert not document.members_only


def test_a_page_under_a_restricted_one_is_members_only_and_an_unpublished_one_is_not_searchable():
    index = FicheIndexPage.objects.get()
    fiche = FichePage.objects.child_of(index).live().first()
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    try:
        assert document_for_key(f"page:{fiche.pk}").members_only
    finally:
        restriction.delete()
    assert not document_for_key(f"page:{fiche.pk}").members_only
    fiche.unpublish()
    assert document_for_key(f"page:{fiche.pk}") is None
    assert document_for_key(f"territory:{Territory.objects.first().pk}").kind == "territoire"
    assert document_for_key("page:999999") is None
