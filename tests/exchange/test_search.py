"""Questions and remontées in search, on both engines: members only, in hits, snippets,
suggestions and facet counts; the retained answer leads the snippet."""

import pytest

from exchange import services
from search.documents import keys_for_object
from search.engines.base import SearchQuery
from search.indexing import remove_keys
from tests.exchange.conftest import signed_in
from tests.factories.exchange import AnswerFactory, QuestionFactory, RemonteeFactory

pytestmark = pytest.mark.django_db

TITLE = "Quel financement zorglubien pour les médiateurs ?"


@pytest.fixture
def indexed(asker, helper, django_capture_on_commit_callbacks):
    """A question with a retained answer and a remontée, indexed by the engines (and removed
    from them afterwards: Elasticsearch keeps no transaction)."""
    with django_capture_on_commit_callbacks(execute=True):
        question = QuestionFactory(author=asker, title=TITLE, body="Notre question détaillée.")
        answer = AnswerFactory(question=question, author=helper, body="Le cofinancement **CAF**.")
        services.answer_retain(answer=answer, by=asker)
        remontee = RemonteeFactory(author=asker, title="Remontée glouboulesque", body="Urgent.")
        remontee.save()
    yield question, remontee
    remove_keys(keys_for_object(question) + keys_for_object(remontee))


def kinds(results) -> dict[str, int]:
    return {value.value: value.count for value in results.facets["kind"]}


def test_members_find_questions_with_the_retained_answer_leading_the_snippet(engine, indexed):
    results = engine.search(SearchQuery(text="zorglubien", members=True))
    assert [hit.title for hit in results.hits] == [TITLE]
    hit = results.hits[0]
    assert hit.kind == "question" and hit.url == f"/questions/{indexed[0].pk}/"
    assert hit.snippet.startswith("Réponse retenue : Le cofinancement CAF.")
    remontees = engine.search(SearchQuery(text="glouboulesque", members=True))
    assert [hit.kind for hit in remontees.hits] == ["remontee"]
    everything = kinds(engine.search(SearchQuery(members=True)))
    assert everything["question"] >= 1 and everything["remontee"] >= 1


def test_anonymous_visitors_never_see_questions_or_remontees(engine, indexed):
    for word in ("zorglubien", "glouboulesque", "cofinancement"):
        results = engine.search(SearchQuery(text=word))
        assert not [hit for hit in results.hits if hit.kind in ("question", "remontee")]
        assert "zorglub" not in " ".join(hit.snippet for hit in results.hits)
    assert not {"question", "remontee"} & set(kinds(engine.search(SearchQuery())))
    for kind in ("question", "remontee"):
        only = engine.search(SearchQuery(filters={"kind": (kind,)}))
        assert only.total == 0 and only.hits == []
    assert TITLE not in engine.autocomplete("Quel financement zorg", members=False)
    assert TITLE in engine.autocomplete("Quel financement zorg", members=True)
    misspelt = engine.search(SearchQuery(text="zorglubiem"))
    assert "zorglubien" not in misspelt.suggestion


def test_a_hidden_or_deleted_question_leaves_the_index(
    engine, indexed, animator_user, django_capture_on_commit_callbacks
):
    question, remontee = indexed
    with django_capture_on_commit_callbacks(execute=True):
        services.message_hide(message=question, by=animator_user)
        services.message_delete(message=remontee)
    assert engine.search(SearchQuery(text="zorglubien", members=True)).total == 0
    assert engine.search(SearchQuery(text="glouboulesque", members=True)).total == 0


def test_the_search_page_shows_them_to_members_only(client, indexed, asker):
    assert "zorglubien" in signed_in(asker).get("/recherche/", {"q": "zorglubien"}).content.decode()
    page = client.get("/recherche/", {"q": "zorglubien"}).content.decode()
    assert "Quel financement" not in page
    data = client.get("/api/search/", {"q": "zorglubien"}).json()
    assert data["total"] == 0
    suggestions = client.get("/api/search/suggestions/", {"q": "Quel financement zorg"}).json()
    assert TITLE not in suggestions["suggestions"]
