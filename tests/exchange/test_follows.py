"""Questions and remontées in what members follow (exchange.activity, read by the follows app
through kb.activity): « Suivre » on their pages, answers and states in digests sent through a
real SMTP server and in Atom feeds, for members only, and never twice for whom exchange
already e-mails."""

import datetime

import feedparser
import pytest
from django.core import mail
from django.utils import timezone

from exchange.models import Remontee
from follows import tasks as follow_tasks
from follows.models import DigestEmail, Follow, Frequency
from follows.services import feed_token_get
from kb import searchable
from tests.conftest import make_user
from tests.exchange.conftest import signed_in, text
from tests.factories.exchange import AnswerFactory, QuestionFactory, RemonteeFactory
from tests.factories.follows import FollowFactory, SavedSearchFactory
from tests.follows.worker import smtp_server, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

HOUR = datetime.timedelta(hours=1)


def follow(user, kind: str, key) -> None:
    """Through the « Suivre » button's form, as the member does."""
    signed_in(user).post(
        "/mon-profil/abonnements/suivre/", {"kind": kind, "key": str(key), "action": "follow"}
    )


def run_daily(capture, period_end=None):
    with capture(execute=True):
        return follow_tasks.start_run(Frequency.DAILY, period_end or timezone.now())


def backdate_follows(*users) -> None:
    """Their follows began an hour ago (a daily digest covers what came after)."""
    Follow.objects.filter(user__in=users).update(
        since=timezone.now() - HOUR, created_at=timezone.now() - HOUR
    )


@pytest.fixture
def follower(db):
    return make_user("suiveuse", "Membre", email="suiveuse@example.org", first_name="Chloé")


@pytest.fixture
def question(asker, axis, territory):
    """Asked yesterday: older than the follows."""
    return QuestionFactory(
        author=asker,
        title="Financer un poste de médiateur",
        axis=axis,
        territories=[territory],
        created_at=timezone.now() - 24 * HOUR,
    )


def test_the_question_page_offers_suivre_to_members_only(
    client, follower, outsider, question, animator_user
):
    page = text(signed_in(follower).get(f"/questions/{question.pk}/"))
    assert "Suivre la question" in page
    follow(follower, "question", question.pk)
    page = text(signed_in(follower).get(f"/questions/{question.pk}/"))
    assert "Ne plus suivre la question" in page
    assert Follow.objects.filter(user=follower, kind="question", key=str(question.pk)).exists()

    # A visitor or an account outside the community neither sees the page nor follows it.
    assert client.get(f"/questions/{question.pk}/").status_code == 302
    assert signed_in(outsider).get(f"/questions/{question.pk}/").status_code == 403
    follow(outsider, "question", question.pk)
    assert not Follow.objects.filter(user=outsider).exists()

    # A deleted question can no longer be followed.
    question.deleted_at = timezone.now()
    question.save()
    follow(animator_user, "question", question.pk)
    assert not Follow.objects.filter(user=animator_user).exists()


def test_a_followed_question_s_new_answer_reaches_its_followers_once_through_smtp(
    settings, asker, helper, follower, question, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://communaute.example.org"
    for user in (follower, asker, helper):  # the asker and the one who answers follow it too
        follow(user, "question", question.pk)
    backdate_follows(follower, asker, helper)
    with smtp_server() as (mailbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        with django_capture_on_commit_callbacks(execute=True):
            signed_in(helper).post(
                f"/questions/{question.pk}/", {"body": "Avec la **CAF** et le département."}
            )
        answer = question.answers.get()
        run_daily(django_capture_on_commit_callbacks)
        run_daily(django_capture_on_commit_callbacks)  # the same period again: nothing more
        messages = mailbox.messages

    by_recipient = {}
    for message in messages:
        by_recipient.setdefault(message["To"], []).append(message)
    # The follower: one digest, with the answer once and its link on the site.
    (digest,) = by_recipient.pop("suiveuse@example.org")
    body = text_of(digest)
    assert body.count("Avec la CAF et le département.") == 1
    assert f"https://communaute.example.org/questions/{question.pk}/#reponse-{answer.pk}" in body
    assert "la question Financer un poste de médiateur" in body
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The asker: exchange's own notification, not the same answer again in a digest.
    (notification,) = by_recipient.pop("demandeuse@example.org")
    assert "Nouvelle réponse" in notification["Subject"]
    # Whoever answered is not told of their own answer.
    assert by_recipient == {}
    assert DigestEmail.objects.get(user=follower).item_keys == [f"answer:{answer.pk}"]


def test_the_asker_who_turned_notifications_off_gets_answers_in_their_digest(
    asker, helper, question, django_capture_on_commit_callbacks
):
    signed_in(asker).post("/mon-profil/notifications/", {"retained": "on"})  # answers off
    follow(asker, "question", question.pk)
    backdate_follows(asker)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(helper).post(f"/questions/{question.pk}/", {"body": "Une piste : le FSE."})
    run_daily(django_capture_on_commit_callbacks)
    (digest,) = mail.outbox
    assert digest.to == ["demandeuse@example.org"] and "Une piste : le FSE." in digest.body


def test_a_followed_question_s_feed_lists_its_answers_for_members_only(
    client, settings, follower, outsider, question, axis
):
    settings.SITE_URL = "https://communaute.example.org"
    follow(follower, "question", question.pk)
    shown = AnswerFactory(question=question, body="Réponse visible")
    AnswerFactory(question=question, body="Réponse masquée", hidden_at=timezone.now())
    # An account outside the community following the same axis sees none of it.
    outsiders_follow = FollowFactory(user=outsider, kind="axis", key=axis.slug)
    members_axis_follow = FollowFactory(user=follower, kind="axis", key=axis.slug)

    def entries(user, subscription):
        token = feed_token_get(user=user)
        response = client.get(f"/flux/{token.key}/suivi-{subscription.pk}.atom")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        return feed.entries

    question_follow = Follow.objects.get(user=follower, kind="question")
    found = entries(follower, question_follow)
    # Newest first: the answer still shown, then the question itself (asked yesterday).
    assert [entry.link for entry in found] == [
        f"https://communaute.example.org/questions/{question.pk}/#reponse-{shown.pk}",
        f"https://communaute.example.org/questions/{question.pk}/",
    ]
    assert "Réponse visible" in found[0].summary
    assert {entry.title for entry in entries(follower, members_axis_follow)} == {question.title}
    assert len(entries(follower, members_axis_follow)) == 2  # the question and its answer
    assert entries(outsider, outsiders_follow) == []


def test_following_an_axis_or_territory_brings_new_questions_and_answers_to_members_only(
    helper, follower, outsider, axis, territory, fiche, django_capture_on_commit_callbacks
):
    for user in (follower, outsider):
        FollowFactory(user=user, kind="territory", key=territory.slug, since=timezone.now() - HOUR)
        user.email = f"{user.username}@example.org"
        user.save()
    FollowFactory(user=follower, kind="fiche", key=str(fiche.pk), since=timezone.now() - HOUR)
    question = QuestionFactory(
        author=helper, title="Qui évalue ?", axis=axis, territories=[territory], about=fiche
    )
    AnswerFactory(question=question, author=helper, body="Un cabinet externe.")
    AnswerFactory(question=question, author=helper, body="Supprimée", deleted_at=timezone.now())
    run_daily(django_capture_on_commit_callbacks)
    (digest,) = mail.outbox
    assert digest.to == [follower.email]
    assert digest.body.count("Qui évalue ?") == 2  # the question, then its answer
    assert "Un cabinet externe." in digest.body and "Supprimée" not in digest.body
    assert "la fiche" in digest.body  # a question about a followed fiche says so
    assert not DigestEmail.objects.filter(user=outsider).exists()


def test_a_remontee_s_states_reach_its_followers_and_its_author_only_once(
    asker, follower, animator_user, axis, territory, django_capture_on_commit_callbacks
):
    remontee = RemonteeFactory(
        author=asker, title="Outil de suivi des parcours", axis=axis, territory=territory
    )
    page = text(signed_in(follower).get(f"/remontees/{remontee.pk}/"))
    assert "Suivre la remontée" in page
    follow(follower, "remontee", remontee.pk)
    FollowFactory(user=asker, kind="territory", key=territory.slug)
    backdate_follows(follower, asker)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(animator_user).post(
            f"/remontees/{remontee.pk}/etat/",
            {"state": Remontee.State.A_L_ETUDE, "note": "Transmise à la **DGCS**."},
        )
    assert [m.to for m in mail.outbox] == [["demandeuse@example.org"]]  # exchange's own
    run_daily(django_capture_on_commit_callbacks)
    digests = [m for m in mail.outbox if "résumé" in m.subject]
    (digest,) = digests
    assert digest.to == ["suiveuse@example.org"]
    assert "Outil de suivi des parcours" in digest.body and "à l'étude" in digest.body
    assert "Transmise à la DGCS." in digest.body
    assert "la remontée Outil de suivi des parcours" in digest.body


def test_a_saved_search_matches_a_new_question_for_members_only(
    asker, follower, outsider, question, django_capture_on_commit_callbacks
):
    question.created_at = timezone.now() - datetime.timedelta(minutes=5)
    question.save()
    searchable.index_objects([question], at_once=True)
    outsider.email = "externe@example.org"
    outsider.save()
    # Its asker, with the same alert, is not told of their own question.
    for user in (follower, outsider, asker):
        SavedSearchFactory(
            user=user, name="Médiateurs", text="médiateur", since=timezone.now() - HOUR
        )
    run_daily(django_capture_on_commit_callbacks)
    (digest,) = mail.outbox
    assert digest.to == ["suiveuse@example.org"]
    assert "Financer un poste de médiateur" in digest.body
    assert "l'alerte « Médiateurs »" in digest.body
