"""Questions: asking (from a fiche, to the Mensuelle), answering, retaining, « Moi aussi »."""

import pytest
from django.test import Client

from exchange.models import Question
from kb import providers
from tests.exchange.conftest import question_data, signed_in, text
from tests.factories.exchange import AnswerFactory, QuestionFactory
from tests.factories.resources import RecordingPageFactory
from tests.factories.site import site_tree

pytestmark = pytest.mark.django_db


def test_a_member_asks_a_question_and_finds_it_in_the_list(asker, axis, territory):
    browser = signed_in(asker)
    response = browser.post("/questions/nouvelle/", question_data(axis, territory))
    question = Question.objects.get(title="Comment financer un médiateur ?")
    assert response.status_code == 302 and response["Location"] == f"/questions/{question.pk}/"
    assert question.author == asker and list(question.territories.all()) == [territory]
    page = text(browser.get(response["Location"]))
    assert "<strong>cofinancements</strong>" in page and "Ouverte" in page
    listing = browser.get("/questions/", {"axis": axis.slug, "territory": territory.slug})
    assert [q.pk for q in listing.context["page_obj"]] == [question.pk]


def test_a_refused_question_keeps_what_was_typed_with_french_messages(asker, axis):
    browser = signed_in(asker)
    response = browser.post(
        "/questions/nouvelle/", {"title": "Mon titre gardé", "body": "x" * 10_001, "axis": axis.pk}
    )
    page = text(response)
    assert response.status_code == 400
    assert "Mon titre gardé" in page and "x" * 10_001 in page
    assert "au plus 10000 caractères" in page
    assert "Choisissez au moins un territoire." in page
    assert not Question.objects.filter(title="Mon titre gardé").exists()


def test_asking_from_a_fiche_ties_the_question_and_the_fiche_lists_it(asker, fiche, territory):
    browser = signed_in(asker)
    fiche_page = text(browser.get(fiche.url))
    ask_url = f"/questions/nouvelle/?page={fiche.pk}"
    assert ask_url in fiche_page
    form = browser.get(ask_url)
    assert form.context["form"]["about"].value() == fiche.url
    assert fiche.title in text(form)
    data = question_data(fiche.axis, territory, about=fiche.url)
    browser.post("/questions/nouvelle/", data)
    question = Question.objects.get(title=data["title"])
    assert question.about_id == fiche.pk
    assert data["title"] in text(browser.get(fiche.url))
    # Visitors never see the members' questions on the fiche.
    assert data["title"] not in text(Client().get(fiche.url))


def test_an_address_that_is_not_a_fiche_event_or_recording_is_refused(asker, axis, territory):
    response = signed_in(asker).post(
        "/questions/nouvelle/", question_data(axis, territory, about="/annuaire/")
    )
    assert response.status_code == 400
    assert "n'est pas celle d'une fiche" in text(response)


def test_another_member_answers_and_the_asker_retains_the_answer(asker, helper):
    question = QuestionFactory(author=asker)
    response = signed_in(helper).post(f"/questions/{question.pk}/", {"body": "Voici *comment*."})
    answer = question.answers.get()
    assert response["Location"] == f"/questions/{question.pk}/#reponse-{answer.pk}"
    # Only the asker (or an animator) retains an answer.
    assert signed_in(helper).post(f"/questions/reponses/{answer.pk}/retenir/").status_code == 403
    signed_in(asker).post(f"/questions/reponses/{answer.pk}/retenir/")
    question.refresh_from_db()
    assert question.retained_answer == answer and question.is_resolved
    page = text(signed_in(helper).get(f"/questions/{question.pk}/"))
    assert "Réponse retenue" in page and "Résolue" in page
    resolved = signed_in(helper).get("/questions/", {"state": "resolue"})
    assert question in list(resolved.context["page_obj"])
    open_ = signed_in(helper).get("/questions/", {"state": "ouverte"})
    assert question not in list(open_.context["page_obj"])


def test_an_animator_may_retain_an_answer(animator_user, asker):
    answer = AnswerFactory(question=QuestionFactory(author=asker))
    signed_in(animator_user).post(f"/questions/reponses/{answer.pk}/retenir/")
    answer.question.refresh_from_db()
    assert answer.question.retained_answer == answer


def test_moi_aussi_counts_one_vote_per_member_and_sorts_by_votes(asker, helper, animator_user):
    popular, quiet = QuestionFactory(author=asker), QuestionFactory(author=asker)
    for user in (helper, animator_user):
        signed_in(user).post(f"/questions/{popular.pk}/moi-aussi/")
    signed_in(helper).post(f"/questions/{quiet.pk}/moi-aussi/")
    signed_in(helper).post(f"/questions/{quiet.pk}/moi-aussi/")  # again: taken back
    assert popular.votes.count() == 2 and quiet.votes.count() == 0
    # The asker cannot vote for their own question.
    signed_in(asker).post(f"/questions/{popular.pk}/moi-aussi/")
    assert popular.votes.count() == 2
    listing = signed_in(helper).get("/questions/", {"sort": "votes"})
    order = [q.pk for q in listing.context["page_obj"]]
    assert order.index(popular.pk) < order.index(quiet.pk)


def test_a_bad_filter_or_page_is_a_french_400_or_404(asker):
    browser = signed_in(asker)
    assert browser.get("/questions/", {"state": "fermee"}).status_code == 400
    assert browser.get("/questions/", {"sort": "hasard"}).status_code == 400
    assert browser.get("/questions/", {"page": "9999"}).status_code == 404
    assert browser.get("/remontees/", {"kind": "rien"}).status_code == 400


def test_the_list_is_paginated(asker, axis, territory):
    for _ in range(25):
        QuestionFactory(author=asker, axis=axis, territories=[territory])
    browser = signed_in(asker)
    first = browser.get("/questions/", {"axis": axis.slug})
    assert len(first.context["page_obj"]) == 20
    assert first.context["page_obj"].paginator.count == 25
    assert len(browser.get("/questions/", {"axis": axis.slug, "page": 2}).context["page_obj"]) == 5


def test_a_question_sent_to_the_next_mensuelle_is_listed_there_by_votes(
    asker, helper, animator_user, mensuelle, axis, territory
):
    browser = signed_in(asker)
    assert mensuelle.title in text(browser.get("/questions/nouvelle/"))
    browser.post("/questions/nouvelle/", question_data(axis, territory, send_to_mensuelle="on"))
    first = Question.objects.get(title="Comment financer un médiateur ?")
    assert first.mensuelle_id == mensuelle.pk
    second = QuestionFactory(author=asker, mensuelle=mensuelle, title="Question très partagée")
    signed_in(helper).post(f"/questions/{second.pk}/moi-aussi/")
    page = text(signed_in(helper).get(mensuelle.url))
    section = page[page.index("Questions envoyées à cette Mensuelle") :]
    assert section.index("Question très partagée") < section.index(first.title)
    # Visitors do not see the questions on the occurrence page.
    assert "Questions envoyées" not in text(Client().get(mensuelle.url))


def test_an_animator_marks_a_question_treated_with_the_recording_time(
    asker, helper, animator_user, mensuelle
):
    recording = RecordingPageFactory(parent=site_tree().resources)
    question = QuestionFactory(author=asker, mensuelle=mensuelle)
    url = f"/questions/{question.pk}/mensuelle/"
    assert signed_in(helper).get(url).status_code == 403
    animator = signed_in(animator_user)
    refused = animator.post(url, {"recording": recording.url, "time": "12:99"})
    assert refused.status_code == 400 and "mm:ss" in text(refused)
    animator.post(url, {"recording": f"http://localhost{recording.url}", "time": "12:34"})
    question.refresh_from_db()
    assert question.mensuelle_treated_at is not None and question.recording_id == recording.pk
    assert question.recording_time == 754
    page = text(signed_in(helper).get(mensuelle.url))
    assert "Traitée en Mensuelle" in page and f"{recording.url}?t=754#player" in page


def test_without_a_next_mensuelle_the_box_is_refused_with_a_message(asker, axis, territory):
    saved = providers._provided.pop(providers.NEXT_MENSUELLE)
    try:
        response = signed_in(asker).post(
            "/questions/nouvelle/", question_data(axis, territory, send_to_mensuelle="on")
        )
    finally:
        providers.register(providers.NEXT_MENSUELLE, saved)
    assert response.status_code == 400
    assert "Aucune Mensuelle n'est programmée" in text(response)


def test_an_account_outside_the_community_groups_is_refused(outsider):
    for url in ("/questions/", "/questions/nouvelle/", "/remontees/", "/remontees/nouvelle/"):
        response = signed_in(outsider).get(url)
        assert response.status_code == 403, url


def test_a_recording_lists_its_questions_under_a_french_heading(asker):
    recording = RecordingPageFactory(parent=site_tree().resources)
    QuestionFactory(author=asker, about=recording, title="Où trouver les diapositives ?")
    page = text(signed_in(asker).get(recording.url))
    assert "Questions sur cet enregistrement" in page
    assert "Où trouver les diapositives ?" in page
    assert f"/questions/nouvelle/?page={recording.pk}" in page
