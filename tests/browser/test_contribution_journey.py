"""A member proposes a fiche, an animator (the Animateur group's real permissions, not a
superuser) requests changes in the Wagtail admin, the member edits, the animator approves:
the fiche is public with its credit and found by search."""

import re

import pytest
from django.contrib.auth.models import Group, User

from contributions.models import Contribution
from kb import searchable
from kb.models import FichePage
from tests.browser.helpers import MEMBER, log_in

pytestmark = pytest.mark.writes

TITLE = "Maison mobile des droits Zorglubine"
REVIEWER = ("relectrice-navigateur", "relectrice-mot-de-passe-42")


@pytest.fixture
def reviewer():
    user = User.objects.create_user(
        username=REVIEWER[0], password=REVIEWER[1], email="relectrice@example.org"
    )
    user.groups.add(Group.objects.get(name="Animateur"))
    yield user
    # The flush after the test empties the database, not Elasticsearch: unindex the fiche.
    for fiche in FichePage.objects.filter(title=TITLE):
        searchable.forget_object(fiche, at_once=True)


def admin_action(page, url, page_id: int, action: str) -> None:
    page.goto(url(f"/admin/pages/{page_id}/edit/"))
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name=action).click()


def test_a_proposal_is_reviewed_in_the_admin_then_published_with_its_credit(browser, url, reviewer):
    member = browser.new_page()
    log_in(member, url, MEMBER, next_path="/contribuer/")
    member.get_by_role("link", name="Proposer une fiche pratique").click()
    assert member.get_by_label("Le Pont-de-Claix", exact=True).is_checked()
    member.get_by_label(re.compile(r"^Titre")).fill(TITLE)
    member.get_by_label(re.compile(r"^Chapô")).fill("Une maison mobile ouvre les droits.")
    member.get_by_label(re.compile(r"^Description de l'action")).fill(
        "Elle passe dans **chaque quartier**.\n\n<script>alert('x')</script>"
    )
    member.get_by_label(re.compile(r"^Axe de travail")).select_option(label="Aller-vers")
    member.get_by_label(re.compile(r"^État d'avancement")).select_option(label="En cours")
    member.get_by_role("button", name="Proposer").click()
    assert "En relecture" in member.locator("main").inner_text()
    contribution = Contribution.objects.get(title=TITLE)
    page_id = contribution.page_id

    visitor = browser.new_page()
    visitor.goto(url("/recherche/?q=zorglubine"))
    assert visitor.locator("ol.tznr-results").get_by_role("link", name=TITLE).count() == 0

    animator = browser.new_page()
    log_in(animator, url, REVIEWER, next_path="/admin/")
    assert TITLE in animator.locator("main").inner_text()  # « En attente de votre relecture »
    admin_action(animator, url, page_id, "Demander des modifications")
    animator.locator(".modal textarea").fill("Ajoutez les partenaires, s'il vous plaît.")
    animator.locator(".modal").get_by_role("button", name="Demander des modifications").click()
    animator.locator(".modal").wait_for(state="hidden")

    member.goto(url("/mon-profil/contributions/"))
    assert "Ajoutez les partenaires" in member.locator("main").inner_text()
    member.get_by_role("link", name=re.compile(rf"Modifier.*{TITLE}")).click()
    member.get_by_label(re.compile(r"^Partenaires")).fill("CCAS\nCAF de l'Isère")
    member.get_by_role("button", name="Renvoyer en relecture").click()
    assert "En relecture" in member.locator("main").inner_text()

    admin_action(animator, url, page_id, "Approuver et Publier")
    animator.wait_for_load_state()
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.PUBLIEE

    hit = visitor.locator("ol.tznr-results").get_by_role("link", name=TITLE)
    for _attempt in range(10):  # Elasticsearch makes new documents searchable within a second
        visitor.goto(url("/recherche/?q=zorglubine"))
        if hit.count():
            break
        visitor.wait_for_timeout(300)
    hit.click()
    main = visitor.locator("main").inner_text()
    assert visitor.get_by_role("heading", level=1).inner_text() == TITLE
    assert "Proposée par Le Pont-de-Claix" in main and "CAF de l'Isère" in main
    assert "<script>" in main  # shown as text, never run
    assert visitor.locator("main script").count() == 0
