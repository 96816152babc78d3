"""The satisfaction questionnaire's life: sent once after the event, answered, changed,
closed; the results computed from the answers."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from events.models import Kind
from events.models.registrations import Registration
from feedback import services, tasks
from feedback.figures import observatory_figures
from feedback.models import Level, SatisfactionAnswer, SurveyInvitation
from kb.figures import Scope
from tests.conftest import make_user
from tests.factories.events import EventPageFactory
from tests.factories.feedback import SatisfactionAnswerFactory
from tests.factories.kb import FichePageFactory
from tests.feedback.conftest import finished_event, register, signed_in, text
from tests.observatory.pages import number, soup

pytestmark = pytest.mark.django_db


def answer_url(event):
    return reverse("feedback-satisfaction", args=[event.pk])


def test_the_questionnaire_is_sent_once_to_the_confirmed_participants(
    site_tree, participant, django_capture_on_commit_callbacks
):
    event = finished_event(site_tree)
    register(event, participant)
    waiting = make_user("attente", "Membre", email="attente@example.org")
    register(event, waiting, Registration.Status.WAITING)
    gone = make_user("partie", "Membre", email="partie@example.org")
    register(event, gone, Registration.Status.CANCELLED)
    upcoming = EventPageFactory(parent=site_tree.events)
    register(upcoming, participant)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.survey_schedule() == 1
    assert [message.to for message in mail.outbox] == [["participante@example.org"]]
    assert event.title in mail.outbox[0].subject
    assert answer_url(event) in mail.outbox[0].body

    assert services.survey_schedule() == 0  # nobody left to ask
    assert tasks.send_satisfaction_survey.call(event.pk) == 0  # a task run twice sends once
    assert len(mail.outbox) == 1
    assert SurveyInvitation.objects.filter(event_id=event.pk).count() == 1


def test_no_questionnaire_for_a_cancelled_or_long_finished_event(site_tree, participant):
    cancelled = finished_event(site_tree, cancelled=True)
    old = finished_event(site_tree, days_ago=31)
    for event in (cancelled, old):
        register(event, participant)
    assert services.survey_schedule() == 0
    assert tasks.send_satisfaction_survey.call(old.pk) == 0
    assert mail.outbox == []


def test_a_participant_answers_then_changes_the_answer(site_tree, participant):
    event = finished_event(site_tree)
    register(event, participant)
    browser = signed_in(participant)

    page = browser.get(event.url)
    assert "Votre avis sur ce rendez-vous" in text(page)

    response = browser.post(
        answer_url(event),
        {"satisfaction-level": "utile", "satisfaction-comment": "Des exemples concrets."},
    )
    assert response.status_code == 302 and response["Location"].endswith("#satisfaction")
    answer = SatisfactionAnswer.objects.get(event_id=event.pk, user=participant)
    assert (answer.level, answer.comment, answer.event_kind) == (
        "utile",
        "Des exemples concrets.",
        "pleniere",
    )

    browser.post(
        answer_url(event), {"satisfaction-level": "tres_utile", "satisfaction-comment": ""}
    )
    answer = SatisfactionAnswer.objects.get(event_id=event.pk, user=participant)
    assert (answer.level, answer.comment) == ("tres_utile", "")
    assert SatisfactionAnswer.objects.count() == 1
    assert "Vous avez répondu : Très utile" in text(browser.get(event.url))


def test_a_refused_answer_keeps_what_was_typed(site_tree, participant):
    event = finished_event(site_tree)
    register(event, participant)
    response = signed_in(participant).post(
        answer_url(event), {"satisfaction-level": "genial", "satisfaction-comment": "Mon texte"}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Choisissez l'une des quatre réponses." in page and "Mon texte" in page
    long = signed_in(participant).post(
        answer_url(event), {"satisfaction-level": "utile", "satisfaction-comment": "x" * 2001}
    )
    assert long.status_code == 400 and "2 000 caractères au plus" in text(long)
    assert not SatisfactionAnswer.objects.exists()


def test_the_questionnaire_closes_after_30_days(site_tree, participant):
    event = finished_event(site_tree, days_ago=20)
    register(event, participant)
    browser = signed_in(participant)
    browser.post(answer_url(event), {"satisfaction-level": "utile"})
    event.end = timezone.now() - datetime.timedelta(days=30, minutes=1)
    event.start = event.end - datetime.timedelta(hours=2)
    event.save()
    response = browser.post(answer_url(event), {"satisfaction-level": "inutile"})
    assert response.status_code == 400 and "est fermé" in text(response)
    assert SatisfactionAnswer.objects.get().level == "utile"
    assert "Votre avis sur ce rendez-vous" not in text(browser.get(event.url))


def test_only_participants_answer(site_tree, participant, member, client):
    event = finished_event(site_tree)
    register(event, participant)
    assert (
        signed_in(member).post(answer_url(event), {"satisfaction-level": "utile"}).status_code
        == 403
    )
    assert client.get(answer_url(event))["Location"].startswith("/connexion/")
    before = EventPageFactory(parent=site_tree.events)  # not finished yet
    register(before, participant)
    response = signed_in(participant).post(answer_url(before), {"satisfaction-level": "utile"})
    assert response.status_code == 400
    assert not SatisfactionAnswer.objects.exists()


def figure_rows(browser, key, query=""):
    response = browser.get(reverse("feedback-satisfaction-csv", args=[key]) + query)
    assert response.status_code == 200
    return {row["code"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}


def test_results_match_a_hand_count(site_tree, animator):
    pleniere = finished_event(site_tree, kind=Kind.PLENIERE)
    webinaire = finished_event(site_tree, kind=Kind.WEBINAIRE)
    levels = {
        pleniere: ["tres_utile"] * 6 + ["utile"] * 17 + ["peu_utile"] * 2,  # 23/25 = 92 %
        webinaire: ["tres_utile"] * 10 + ["utile"] * 9,  # 10/19 = 52.6 %
    }
    for event, answers in levels.items():
        for index, level in enumerate(answers):
            user = make_user(f"r-{event.pk}-{index}", "Membre")
            SatisfactionAnswerFactory(event=event, user=user, level=level)
    browser = signed_in(animator)
    rows = figure_rows(browser, "par-type")
    assert float(rows["pleniere"]["tres_utiles_ou_utiles"]) == 92.0
    assert float(rows["pleniere"]["peu_utile"]) == 8.0
    assert float(rows["pleniere"]["inutile"]) == 0.0
    assert float(rows["webinaire"]["tres_utile"]) == 52.6
    assert float(rows["webinaire"]["utile"]) == 47.4
    assert float(rows["webinaire"]["tres_utiles_ou_utiles"]) == 100.0
    assert "(25 réponses)" in rows["pleniere"]["libelle"]

    page = text(browser.get(reverse("feedback-satisfaction-results")))
    assert "Réunion plénière : 92 % très utiles ou utiles (25 réponses)" in page
    assert "Webinaire : 100 % très utiles ou utiles (19 réponses)" in page
    year = str(pleniere.start.year)
    only_webinaires = figure_rows(browser, "par-annee", f"?kind=webinaire&year={year}")
    assert float(only_webinaires[year]["tres_utile"]) == 52.6


def test_comments_are_for_animators_only(site_tree, animator, member, participant):
    event = finished_event(site_tree)
    SatisfactionAnswerFactory(event=event, user=participant, comment="Trop long à mon goût.")
    url = reverse("feedback-satisfaction-event", args=[event.pk])
    page = text(signed_in(animator).get(url))
    assert "Trop long à mon goût." in page and participant.username not in page
    assert signed_in(member).get(url).status_code == 403
    assert signed_in(member).get(reverse("feedback-satisfaction-results")).status_code == 403
    assert "Trop long" not in text(signed_in(member).get(event.url))


def test_a_bad_filter_is_a_french_400(animator):
    response = signed_in(animator).get(reverse("feedback-satisfaction-results") + "?year=deux")
    assert response.status_code == 400 and "Un filtre n'est pas valide" in text(response)


def test_the_home_page_shows_the_review_beside_the_live_rates(site_tree, client, participant):
    mensuelle = finished_event(site_tree, kind=Kind.MENSUELLE)
    SatisfactionAnswerFactory(event=mensuelle, user=participant, level=Level.PEU_UTILE)
    other = make_user("autre", "Membre")
    SatisfactionAnswerFactory(event=mensuelle, user=other, level=Level.TRES_UTILE)
    page = text(client.get("/"))
    assert "Bilan 2024" in page and "88 %" in page and "92 %" in page
    assert "50 %" in page and "2 réponses" in page


def observatory_figure(client, key, query=""):
    """A satisfaction figure of /observatoire/ read three ways: its table (code -> numbers
    as shown), the first number of each bar of its chart, and its CSV file."""
    page = soup(client.get("/observatoire/" + query))
    section = page.select_one(f"section[data-figure='{key}']")
    if section is None:
        return None

    table = {
        row["data-code"]: [number(cell.get_text()) for cell in row.select("td")]
        for row in section.select("tbody tr")
    }
    chart = [
        [number(bar.get_text().split(" ")[0]) for bar in group.select("text.tznr-chart__value")]
        for group in section.select("svg g.tznr-chart__row")
    ]
    response = client.get(f"/observatoire/{key}.csv{query}")
    assert response.status_code == 200
    lines = csv.DictReader(io.StringIO(response.content.decode()))
    rows = {
        line.pop("code"): [float(v) for k, v in line.items() if k != "libelle"] for line in lines
    }
    return {"table": table, "chart": chart, "csv": rows, "summary": section.p.get_text()}


def test_the_observatory_shows_the_satisfaction_rates_counted_by_hand(site_tree, client):
    caches[settings.OBSERVATORY_CACHE].clear()
    this_year = finished_event(site_tree, kind=Kind.PLENIERE)
    webinaire = finished_event(site_tree, kind=Kind.WEBINAIRE)
    last_year = finished_event(site_tree, kind=Kind.PLENIERE, days_ago=400)
    levels = {
        this_year: ["tres_utile"] * 3 + ["utile"] * 4 + ["inutile"],  # 7/8 = 87.5 %
        webinaire: ["utile", "peu_utile", "peu_utile"],  # 1/3 = 33.3 %
        last_year: ["tres_utile", "inutile"],  # 1/2 = 50 %
    }
    for event, answers in levels.items():
        for index, level in enumerate(answers):
            user = make_user(f"o-{event.pk}-{index}", "Membre")
            SatisfactionAnswerFactory(event=event, user=user, level=level)
    now, before = this_year.start.year, last_year.start.year
    # Columns: très utiles ou utiles, très utile, utile, peu utile, inutile (percent).
    expected = {
        "pleniere": [80.0, 40.0, 40.0, 0.0, 20.0],  # 8/10, 4/10, 4/10, 0, 2/10
        "webinaire": [33.3, 0.0, 33.3, 66.7, 0.0],
    }
    kinds = observatory_figure(client, "satisfaction-types")
    assert kinds["csv"] == kinds["table"] == expected
    assert kinds["chart"] == list(expected.values())
    assert "Réunion plénière : 80 % très utiles ou utiles (10 réponses)" in kinds["summary"]
    years = observatory_figure(client, "satisfaction-annees")
    assert years["csv"] == {
        f"{before}": [50.0, 50.0, 0.0, 0.0, 50.0],
        f"{now}": [72.7, 27.3, 45.5, 18.2, 9.1],  # 8/11, 3/11, 5/11, 2/11, 1/11
    }

    FichePageFactory(parent=site_tree.fiches, year=before)  # the year filter offers the year
    filtered = observatory_figure(client, "satisfaction-types", f"?year={before}")
    assert filtered["csv"] == filtered["table"] == {"pleniere": [50.0, 50.0, 0.0, 0.0, 50.0]}
    assert list(observatory_figure(client, "satisfaction-annees", f"?year={before}")["csv"]) == [
        f"{before}"
    ]

    SatisfactionAnswerFactory(event=webinaire, user=make_user("tardif", "Membre"), level="utile")
    assert observatory_figure(client, "satisfaction-types")["csv"]["webinaire"][0] == 50.0
    assert observatory_figures(Scope(territory="grenoble")) == []


def test_no_satisfaction_figure_before_the_first_answer(site_tree, client):
    caches[settings.OBSERVATORY_CACHE].clear()
    assert observatory_figure(client, "satisfaction-types") is None
