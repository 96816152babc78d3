"""Questions and remontées in a real browser: a member asks from a fiche, another answers, the
first retains the answer and finds the question by search (a visitor does not); a remontée
goes through its states and its history shows them."""

import re

import pytest

from kb.models import FichePage
from tests.browser.helpers import ANIMATOR, MEMBER, log_in
from tests.conftest import make_user

pytestmark = pytest.mark.writes

TITLE = "Qui finance les maraudes nocturnes ?"


def second_page(browser, url, account):
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    other = context.new_page()
    log_in(other, url, account)
    return other


def test_a_question_from_a_fiche_is_answered_retained_and_found_by_members(page, url, browser):
    make_user("membre-deux", "Membre", first_name="Bruno", last_name="Aidant")
    fiche = FichePage.objects.live().public().order_by("path").first()
    log_in(page, url, MEMBER)
    page.goto(url(fiche.url))
    page.get_by_role("link", name="Poser une question").click()
    page.wait_for_url(re.compile(r"/questions/nouvelle/\?page="))
    assert page.get_by_label("Fiche, événement ou enregistrement concerné").input_value() == (
        fiche.url
    )
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Votre question").fill("Nos maraudes du soir manquent de **financement**.")
    page.get_by_label("Axe de travail").select_option(label=fiche.axis.name)
    page.get_by_label("Territoires concernés").select_option(label="Grenoble")
    page.get_by_role("button", name="Publier la question").click()
    page.wait_for_url(re.compile(r"/questions/\d+/$"))
    question_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.locator(".tznr-message strong").inner_text() == "financement"

    other = second_page(browser, url, ("membre-deux", "motdepasse-test"))
    other.goto(question_url)
    other.get_by_label("Votre réponse").fill("La CAF cofinance nos maraudes nocturnes.")
    other.get_by_role("button", name="Publier ma réponse").click()
    other.wait_for_url(re.compile(r"#reponse-\d+$"))
    assert other.get_by_role("button", name="Retenir cette réponse").count() == 0
    other.context.close()

    page.goto(question_url)
    page.get_by_role("button", name="Retenir cette réponse").click()
    page.wait_for_url(re.compile(r"#reponse-\d+$"))
    assert page.locator(".tznr-answer--retained").get_by_text("Réponse retenue").is_visible()
    assert page.locator(".fr-badge", has_text="Résolue").first.is_visible()

    page.goto(url(fiche.url))
    assert page.get_by_role("link", name=TITLE).is_visible()

    page.goto(url("/recherche/?q=maraudes+nocturnes"))
    hit = page.locator("main").get_by_role("link", name=TITLE)
    assert hit.is_visible()
    assert "Réponse retenue" in page.locator("main").inner_text()

    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(url("/recherche/?q=maraudes+nocturnes"))
    assert visitor.locator("main").get_by_role("link", name=TITLE).count() == 0
    assert "cofinance" not in visitor.locator("main").inner_text()
    visitor.goto(url(fiche.url))
    assert visitor.get_by_role("link", name=TITLE).count() == 0
    visitor.context.close()


def test_a_remontee_goes_through_its_states_with_its_history(page, url, browser):
    log_in(page, url, MEMBER)
    page.locator("header").get_by_role("link", name="Remontées").click()
    page.get_by_role("link", name="Faire une remontée").click()
    page.get_by_label("Nature").select_option(label="Difficulté")
    page.get_by_label("Titre").fill("Les bailleurs ne répondent pas")
    page.get_by_label("Décrivez le besoin").fill("Nous n'obtenons pas de référents chez eux.")
    page.get_by_label("Axe de travail").select_option(index=1)
    page.get_by_label("Territoire").select_option(label="Grenoble")
    page.get_by_role("button", name="Transmettre la remontée").click()
    page.wait_for_url(re.compile(r"/remontees/\d+/$"))
    remontee_url = page.url
    assert page.locator("#etat-actuel").text_content().strip() == "Reçue"

    animator = second_page(browser, url, ANIMATOR)
    for state, note in [
        ("À l'étude", "La DGCS interroge l'union des bailleurs."),
        ("Traitée", "Un référent par bailleur est désigné."),
    ]:
        animator.goto(remontee_url)
        animator.get_by_label("Nouvel état").select_option(label=state)
        animator.get_by_label("Note publique").fill(note)
        animator.get_by_role("button", name="Enregistrer l'étape").click()
        animator.wait_for_url(remontee_url)
        assert animator.locator("#etat-actuel").text_content().strip() == state
    animator.context.close()

    page.goto(remontee_url)
    history = page.locator("#historique > li")
    assert history.count() == 3
    steps = [item.inner_text() for item in history.all()]
    assert steps[0].startswith("Reçue")
    assert steps[1].startswith("À l'étude") and "union des bailleurs" in steps[1]
    assert steps[2].startswith("Traitée") and "Un référent par bailleur" in steps[2]
    assert page.locator("#etat-actuel").text_content().strip() == "Traitée"
