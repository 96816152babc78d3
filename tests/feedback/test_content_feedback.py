"""« Cette page vous a-t-elle été utile ? » and « Signaler un problème » on fiches, resources
and recordings: one vote per member and page, visitors limited per session and counted apart,
reports through their states, the page's owner told once."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from feedback import selectors, tasks
from feedback.models import ProblemReport, UsefulVote
from tests.conftest import make_user
from tests.factories.kb import FichePageFactory
from tests.factories.resources import RecordingPageFactory, ResourcePageFactory
from tests.feedback.conftest import signed_in, text

pytestmark = pytest.mark.django_db


def useful_url(page):
    return reverse("feedback-useful", args=[page.pk])


def report_url(page):
    return reverse("feedback-report", args=[page.pk])


@pytest.fixture
def fiche(site_tree):
    return FichePageFactory(parent=site_tree.fiches)


def test_fiches_resources_and_recordings_ask_and_events_do_not(site_tree, member):
    browser = signed_in(member)
    for page in (
        FichePageFactory(parent=site_tree.fiches),
        ResourcePageFactory(parent=site_tree.resources),
        RecordingPageFactory(parent=site_tree.resources),
    ):
        content = text(browser.get(page.url))
        assert "Cette page vous a-t-elle été utile ?" in content, page
        assert report_url(page) in content
    assert "été utile ?" not in text(browser.get(site_tree.home.url))


def test_a_member_votes_once_per_page_and_may_change(fiche, member):
    browser = signed_in(member)
    response = browser.post(
        useful_url(fiche), {"utile-useful": "non", "utile-reason": "Trop court"}
    )
    assert response.status_code == 302
    browser.post(useful_url(fiche), {"utile-useful": "oui", "utile-reason": ""})
    vote = UsefulVote.objects.get()
    assert (vote.user, vote.useful, vote.reason) == (member, True, "")
    assert selectors.votes_on(page_id=fiche.pk).members_yes == 1


def test_visitors_are_counted_apart_and_limited_per_session(fiche, site_tree, settings):
    settings.TZNR_ANONYMOUS_VOTES_PER_SESSION = 2
    visitor = Client()
    assert "Donner votre avis" in text(visitor.get(fiche.url))
    assert visitor.post(useful_url(fiche), {"utile-useful": "oui"}).status_code == 302
    assert visitor.post(useful_url(fiche), {"utile-useful": "non"}).status_code == 302  # changed
    other = FichePageFactory(parent=site_tree.fiches)
    assert visitor.post(useful_url(other), {"utile-useful": "oui"}).status_code == 302
    third = FichePageFactory(parent=site_tree.fiches)
    refused = visitor.post(useful_url(third), {"utile-useful": "oui", "utile-reason": "Clair"})
    assert refused.status_code == 429
    assert "connectez-vous pour en donner d'autres" in text(refused) and "Clair" in text(refused)
    assert Client().post(useful_url(third), {"utile-useful": "oui"}).status_code == 302
    votes = selectors.votes_on(page_id=fiche.pk)
    assert (votes.visitors_yes, votes.visitors_no, votes.members_yes) == (0, 1, 0)
    assert UsefulVote.objects.filter(user__isnull=True).count() == 3


def test_a_bad_vote_keeps_the_reason_and_says_why_in_french(fiche, member):
    response = signed_in(member).post(
        useful_url(fiche), {"utile-useful": "peut-etre", "utile-reason": "Mon idée"}
    )
    assert response.status_code == 400
    assert "Répondez oui ou non." in text(response) and "Mon idée" in text(response)
    assert not UsefulVote.objects.exists()


def test_votes_need_the_csrf_token(fiche, member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    assert browser.post(useful_url(fiche), {"utile-useful": "oui"}).status_code == 403
    assert not UsefulVote.objects.exists()


def test_a_members_only_page_takes_no_visitor_vote(site_tree, fiche):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=fiche, restriction_type=PageViewRestriction.LOGIN)
    assert Client().post(useful_url(fiche), {"utile-useful": "oui"}).status_code == 404
    assert Client().post(useful_url(site_tree.home), {"utile-useful": "oui"}).status_code == 404


def test_a_report_goes_through_its_states_and_tells_the_owner_once(
    site_tree, member, animator, django_capture_on_commit_callbacks
):
    owner = make_user("autrice", "Animateur", email="autrice@example.org")
    fiche = FichePageFactory(parent=site_tree.fiches, owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(member).post(
            report_url(fiche), {"probleme-kind": "obsolete", "probleme-note": "Le lien est mort."}
        )
    assert response.status_code == 302
    report = ProblemReport.objects.get()
    assert (report.kind, report.state, report.reporter) == ("obsolete", "nouveau", member)
    assert [m.to for m in mail.outbox] == [["autrice@example.org"]]
    assert "Le lien est mort." in mail.outbox[0].body
    assert tasks.tell_owner_of_report.call(report.pk) is False  # told once
    assert len(mail.outbox) == 1

    admin = signed_in(animator)
    queue = text(admin.get(reverse("feedback_reports")))
    assert fiche.title in queue
    detail = reverse("feedback_report", args=[report.pk])
    admin.post(detail, {"state": "en_cours"})
    report.refresh_from_db()
    assert (report.state, report.handled_by) == ("en_cours", animator)
    admin.post(detail, {"state": "traite"})
    report.refresh_from_db()
    assert report.state == "traite"
    assert fiche.title not in text(admin.get(reverse("feedback_reports")))  # « nouveau » only
    assert fiche.title in text(admin.get(reverse("feedback_reports") + "?etat=traite"))
    admin.post(detail, {"state": "n-importe-quoi"})
    report.refresh_from_db()
    assert report.state == "traite"
    assert signed_in(member).get(detail).status_code == 403


def test_a_report_note_has_2000_characters_at_most_and_is_kept_on_error(fiche, member):
    response = signed_in(member).post(
        report_url(fiche), {"probleme-kind": "erronee", "probleme-note": "é" * 2001}
    )
    assert response.status_code == 400
    page = text(response)
    assert "2 000 caractères au plus" in page and "é" * 2001 in page
    missing = signed_in(member).post(report_url(fiche), {"probleme-note": "Doublon de l'autre"})
    assert "Choisissez le type de problème." in text(missing)
    assert "Doublon de l'autre" in text(missing)
    assert not ProblemReport.objects.exists()


def test_visitors_and_outsiders_cannot_report(fiche, client, outsider):
    assert client.get(report_url(fiche))["Location"].startswith("/connexion/")
    assert (
        signed_in(outsider).post(report_url(fiche), {"probleme-kind": "autre"}).status_code == 403
    )
    assert not ProblemReport.objects.exists()
