"""Notifications are tasks: the asker on each answer and retained answer, chosen in « Mon
profil », each sent once even when its task runs twice."""

import pytest
from django.core import mail

from exchange import tasks
from exchange.models import Notification
from tests.exchange.conftest import signed_in, text
from tests.factories.exchange import QuestionFactory

pytestmark = pytest.mark.django_db


def sent_to(user) -> list[str]:
    return [m.subject for m in mail.outbox if user.email in m.to]


def test_the_asker_is_told_of_each_answer_and_of_the_retained_one(
    asker, helper, django_capture_on_commit_callbacks
):
    question = QuestionFactory(author=asker, title="Financer un poste")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(helper).post(f"/questions/{question.pk}/", {"body": "Avec la CAF."})
        signed_in(asker).post(f"/questions/{question.pk}/", {"body": "Merci !"})  # their own
    assert sent_to(asker) == ["[Communauté TZNR] Nouvelle réponse à « Financer un poste »"]
    body = next(m.body for m in mail.outbox if asker.email in m.to)
    answer = question.answers.first()
    assert "Avec la CAF." in body and f"/questions/{question.pk}/#reponse-{answer.pk}" in body
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(helper).post(f"/questions/reponses/{answer.pk}/retenir/")  # refused: 403
    assert len(sent_to(asker)) == 1


def test_a_task_run_twice_sends_once(asker, helper, django_capture_on_commit_callbacks):
    question = QuestionFactory(author=asker)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(helper).post(f"/questions/{question.pk}/", {"body": "Une réponse."})
    answer = question.answers.get()
    tasks.notify_answer.enqueue(answer.pk)
    tasks.notify_answer.call(answer.pk)
    assert len(sent_to(asker)) == 1
    assert Notification.objects.filter(recipient=asker, kind="answer").count() == 1


def test_a_member_chooses_in_their_profile_what_they_receive(
    asker, helper, animator_user, django_capture_on_commit_callbacks
):
    profile = text(signed_in(asker).get("/mon-profil/")).lower()
    assert "mes notifications par courriel" in profile
    assert "une réponse à l'une de mes questions" in profile
    assert "nouvelle remontée (animateurs)" not in profile  # for animators only
    assert (
        "nouvelle remontée (animateurs)"
        in text(signed_in(animator_user).get("/mon-profil/")).lower()
    )
    response = signed_in(asker).post("/mon-profil/notifications/", {"retained": "on"})
    assert response["Location"] == "/mon-profil/#notifications"
    question = QuestionFactory(author=asker)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(helper).post(f"/questions/{question.pk}/", {"body": "Réponse non notifiée."})
        answer = question.answers.get()
        signed_in(animator_user).post(f"/questions/reponses/{answer.pk}/retenir/")
    assert [s for s in sent_to(asker)] == [
        f"[Communauté TZNR] Une réponse est retenue pour « {question.title} »"
    ]


def test_an_animator_may_stop_the_new_remontee_mails(
    asker, animator_user, axis, territory, django_capture_on_commit_callbacks
):
    signed_in(animator_user).post("/mon-profil/notifications/", {"reports": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(asker).post(
            "/remontees/nouvelle/",
            {
                "kind": "alerte",
                "title": "Alerte",
                "body": "x",
                "axis": axis.pk,
                "territory": territory.pk,
            },
        )
    assert sent_to(animator_user) == []


def test_the_profile_download_holds_what_the_exchange_keeps(asker, helper):
    question = QuestionFactory(author=asker, title="Ma question à moi")
    signed_in(helper).post(f"/questions/{question.pk}/moi-aussi/")
    signed_in(asker).post("/mon-profil/notifications/", {"answers": "on"})
    mine = signed_in(asker).get("/mon-profil/mes-donnees.json").json()["questions et remontées"]
    assert [q["titre"] for q in mine["questions"]] == ["Ma question à moi"]
    assert mine["notifications choisies"]["une réponse à l'une de mes questions"] is True
    assert mine["notifications choisies"]["la réponse retenue à l'une de mes questions"] is False
    theirs = signed_in(helper).get("/mon-profil/mes-donnees.json").json()
    assert theirs["questions et remontées"]["« moi aussi »"] == ["Ma question à moi"]


def test_a_failed_sending_keeps_the_answer_records_nothing_and_a_rerun_sends(
    asker, helper, settings, django_capture_on_commit_callbacks
):
    question = QuestionFactory(author=asker)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(helper).post(f"/questions/{question.pk}/", {"body": "Réponse."})
    assert response.status_code == 302 and question.answers.count() == 1
    assert not Notification.objects.filter(recipient=asker).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    tasks.notify_answer.enqueue(question.answers.get().pk)
    assert len(sent_to(asker)) == 1
