"""Own messages edited or deleted (« message supprimé »), reports, hiding and restoring."""

import pytest
from django.core import mail

from exchange.models import ModerationAction, Report
from tests.exchange.conftest import signed_in, text
from tests.factories.exchange import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_member_edits_and_deletes_their_answer_and_the_thread_still_reads(asker, helper):
    answer = AnswerFactory(author=helper, question=QuestionFactory(author=asker), body="Avant")
    browser = signed_in(helper)
    browser.post(f"/questions/reponses/{answer.pk}/modifier/", {"body": "Après"})
    answer.refresh_from_db()
    assert answer.body == "Après" and answer.edited_at is not None
    browser.post(f"/questions/reponses/{answer.pk}/supprimer/")
    page = text(signed_in(asker).get(f"/questions/{answer.question_id}/"))
    assert "Message supprimé par son auteur." in page and "Après" not in page
    assert "1 réponse" in page


def test_a_member_cannot_edit_or_delete_another_members_message(asker, helper):
    question = QuestionFactory(author=asker)
    answer = AnswerFactory(author=asker, question=question)
    other = signed_in(helper)
    assert other.get(f"/questions/{question.pk}/modifier/").status_code == 403
    assert other.post(f"/questions/{question.pk}/supprimer/").status_code == 403
    assert (
        other.post(f"/questions/reponses/{answer.pk}/modifier/", {"body": "x"}).status_code == 403
    )
    assert other.post(f"/questions/reponses/{answer.pk}/supprimer/").status_code == 403
    answer.refresh_from_db()
    assert answer.body != "x" and not answer.is_deleted


def test_deleting_the_retained_answer_reopens_the_question(asker, helper):
    answer = AnswerFactory(author=helper, question=QuestionFactory(author=asker))
    signed_in(asker).post(f"/questions/reponses/{answer.pk}/retenir/")
    signed_in(helper).post(f"/questions/reponses/{answer.pk}/supprimer/")
    answer.question.refresh_from_db()
    assert not answer.question.is_resolved


def test_a_report_reaches_the_animators_who_hide_and_restore_with_a_trace(
    asker, helper, animator_user, django_capture_on_commit_callbacks
):
    answer = AnswerFactory(author=helper, question=QuestionFactory(author=asker), body="Injure")
    refused = signed_in(asker).post(f"/signaler/reponse/{answer.pk}/", {"reason": ""})
    assert refused.status_code == 400 and "ce qui pose problème" in text(refused)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(asker).post(f"/signaler/reponse/{answer.pk}/", {"reason": "Propos injurieux"})
    report = Report.objects.get()
    assert report.message == answer and report.reporter == asker
    told = [address for m in mail.outbox if "signalé" in m.subject for address in m.to]
    assert animator_user.email in told and asker.email not in told and helper.email not in told
    # Members never reach the moderation pages.
    assert signed_in(helper).get("/admin/exchange/signalements/").status_code == 403
    admin = signed_in(animator_user)
    listing = text(admin.get("/admin/exchange/signalements/"))
    assert "Propos injurieux" in listing
    admin.post(f"/admin/exchange/signalements/{report.pk}/", {"action": "hide"})
    answer.refresh_from_db()
    assert answer.is_hidden and answer.hidden_by == animator_user
    page = text(signed_in(asker).get(f"/questions/{answer.question_id}/"))
    assert "Message masqué par l'équipe d'animation." in page and "Injure" not in page
    admin.post(f"/admin/exchange/signalements/{report.pk}/", {"action": "restore"})
    answer.refresh_from_db()
    assert not answer.is_hidden
    assert "Injure" in text(signed_in(asker).get(f"/questions/{answer.question_id}/"))
    trace = list(ModerationAction.objects.order_by("at", "pk").values_list("action", "by"))
    assert trace == [("hide", animator_user.pk), ("restore", animator_user.pk)]
    detail = text(admin.get(f"/admin/exchange/signalements/{report.pk}/"))
    assert "Masqué le" in detail and "Rétabli le" in detail
    report.refresh_from_db()
    assert report.closed_by == animator_user


def test_thirty_messages_an_hour_then_a_french_message_and_nothing_lost(
    asker, helper, axis, territory, settings
):
    settings.TZNR_EXCHANGE_MESSAGES_PER_HOUR = 3
    question = QuestionFactory(author=helper)
    browser = signed_in(asker)
    for number in range(3):
        browser.post(f"/questions/{question.pk}/", {"body": f"Réponse {number}"})
    refused = browser.post(f"/questions/{question.pk}/", {"body": "La quatrième, gardée"})
    page = text(refused)
    assert refused.status_code == 400
    assert "3 messages au cours de la dernière heure" in page
    assert "La quatrième, gardée" in page
    assert question.answers.count() == 3
    asked = browser.post(
        "/remontees/nouvelle/",
        {
            "kind": "besoin",
            "title": "Bloquée",
            "body": "x",
            "axis": axis.pk,
            "territory": territory.pk,
        },
    )
    assert asked.status_code == 400 and "réessayez un peu plus tard" in text(asked)


def test_the_default_limit_is_thirty_an_hour(settings):
    assert settings.TZNR_EXCHANGE_MESSAGES_PER_HOUR == 30
