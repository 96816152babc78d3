"""Automated accessibility: axe-core (WCAG 2.1 A/AA rules) and the W3C Nu HTML checker.

What automation cannot see is checked by hand and written down in the accessibility
declaration (templates/kb/accessibilite_declaration.html).
"""

import json
import subprocess
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from follows.services import unsubscribe_token
from infra import throttle
from tests.browser import tools
from tests.browser.helpers import ANIMATOR, MEMBER, log_in

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def territory_path() -> str:
    from kb.models import Territory, TerritoryIndexPage

    return TerritoryIndexPage.url_for_territory(Territory.objects.order_by("name").first())


def first_live(model_path: str):
    def path() -> str:
        module, name = model_path.rsplit(".", 1)
        model = getattr(__import__(module, fromlist=[name]), name)
        return model.objects.live().public().order_by("path").first().url

    return path


def demo_contribution(state: str, suffix: str = ""):
    """A demo proposal of the demo member (demo/contributions.py) in this state."""

    def path() -> str:
        from contributions.models import Contribution

        contribution = Contribution.objects.filter(author__username="membre", state=state).first()
        return f"/mon-profil/contributions/{contribution.pk}/{suffix}"

    return path


def unsubscribe_path() -> str:
    user = User.objects.get(username=MEMBER[0])
    return f"/desabonnement/{unsubscribe_token(user=user, frequency='daily')}/"


def exchange_path(kind: str):
    def path() -> str:
        from exchange.models import Question, Remontee

        if kind == "question":  # a resolved one, with answers and the retained one
            return Question.objects.filter(retained_answer__isnull=False).first().get_absolute_url()
        return Remontee.objects.filter(steps__note__gt="").first().get_absolute_url()

    return path


def reused_fiche_path() -> str:
    from essaimage.models import Reuse

    return Reuse.objects.order_by("pk").first().fiche.url


def declare_path() -> str:
    from essaimage.models import Reuse

    return f"/essaimage/fiche/{Reuse.objects.order_by('pk').first().fiche_id}/"


def satisfaction_event_path() -> str:
    from feedback.models import SatisfactionAnswer

    event_id = SatisfactionAnswer.objects.order_by("event_id").values_list("event_id", flat=True)[0]
    return f"/retours/satisfaction/evenements/{event_id}/"


def useful_path() -> str:
    from kb.models import FichePage

    return f"/retours/pages/{FichePage.objects.live().public().first().pk}/utile/"


def report_path() -> str:
    return useful_path().replace("/utile/", "/signaler/")


@dataclass(frozen=True)
class Audited:
    name: str
    path: str | object  # a path, or a callable returning one (read from the demo content)
    account: tuple[str, str] | None = None
    status: int = 200

    def resolve(self) -> str:
        return self.path() if callable(self.path) else self.path


PAGES = [
    Audited("accueil", "/"),
    Audited("recherche", "/recherche/?q=aller+vers"),
    Audited("recherche-filtree", "/recherche/?q=aller+vers&axis=aller-vers"),
    Audited("recherche-sans-resultat", "/recherche/?q=zzqxwv"),
    Audited("fiches", "/fiches/"),
    Audited("fiche", first_live("kb.models.FichePage")),
    Audited("territoires", "/territoires/"),
    Audited("territoire", territory_path),
    Audited("agenda", "/evenements/"),
    Audited("agenda-mois", "/evenements/2024/05/"),
    Audited("evenement", first_live("events.models.EventPage")),
    Audited("ressources", "/ressources/"),
    Audited("enregistrement", first_live("resources.models.RecordingPage")),
    Audited("observatoire", "/observatoire/"),
    Audited("observatoire-filtre", "/observatoire/?region=Bretagne&axis=aller-vers"),
    Audited("observatoire-filtre-invalide", "/observatoire/?year=deux-mille", status=400),
    Audited("donnees", "/donnees/"),
    Audited("accessibilite", "/accessibilite/"),
    Audited("connexion", "/connexion/"),
    Audited("annuaire", "/annuaire/", account=MEMBER),
    Audited("annuaire-vide", "/annuaire/?territoire=grenoble&axe=communication", account=MEMBER),
    Audited("profil", "/mon-profil/", account=MEMBER),
    Audited("contribuer", "/contribuer/", account=MEMBER),
    Audited("proposer-fiche", "/contribuer/fiche/", account=MEMBER),
    Audited("proposer-document", "/contribuer/document/", account=MEMBER),
    Audited("mes-contributions", "/mon-profil/contributions/", account=MEMBER),
    Audited("contribution", demo_contribution("modifications_demandees"), account=MEMBER),
    Audited(
        "contribution-modifier",
        demo_contribution("modifications_demandees", "modifier/"),
        account=MEMBER,
    ),
    Audited("fiche-reprise", reused_fiche_path, account=MEMBER),
    Audited("fiches-plus-reprises", "/fiches/?sort=reprises"),
    Audited("essaimage-declarer", declare_path, account=MEMBER),
    Audited("abonnements", "/mon-profil/abonnements/", account=MEMBER),
    Audited(
        "alerte-nouvelle",
        "/mon-profil/abonnements/alertes/nouvelle/?q=caravane&kind=fiche",
        account=MEMBER,
    ),
    Audited("accueil-membre", "/", account=MEMBER),
    Audited("desabonnement", unsubscribe_path),
    Audited("desabonnement-invalide", "/desabonnement/pas-un-jeton/", status=400),
    Audited("questions", "/questions/", account=MEMBER),
    Audited("question", exchange_path("question"), account=MEMBER),
    Audited("question-nouvelle", "/questions/nouvelle/", account=MEMBER),
    Audited("remontees", "/remontees/", account=MEMBER),
    Audited("remontee", exchange_path("remontee"), account=MEMBER),
    Audited("remontee-nouvelle", "/remontees/nouvelle/", account=MEMBER),
    Audited("satisfaction", "/retours/satisfaction/", account=ANIMATOR),
    Audited(
        "satisfaction-filtree", "/retours/satisfaction/?year=2024&kind=mensuelle", account=ANIMATOR
    ),
    Audited("satisfaction-evenement", satisfaction_event_path, account=ANIMATOR),
    Audited("fiche-membre", first_live("kb.models.FichePage"), account=MEMBER),
    Audited("ressource", first_live("resources.models.ResourcePage")),
    Audited("utile", useful_path),
    Audited("fraicheur", "/retours/fraicheur/", account=ANIMATOR),
    Audited("usages", "/retours/usages/", account=ANIMATOR),
    Audited("signaler", report_path, account=MEMBER),
    Audited("404", "/cette-page-n-existe-pas/", status=404),
]


def open_audited(page, url, audited: Audited):
    """Go to the page (signed in when needed) and check its status."""
    if audited.account:
        log_in(page, url, audited.account)
    response = page.goto(url(audited.resolve()))
    assert response.status == audited.status, f"{audited.name}: HTTP {response.status}"
    return response


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("audited", PAGES, ids=[p.name for p in PAGES])
def test_axe_finds_no_wcag_21_aa_violation(audit_page, url, audited):
    page = audit_page
    axe = tools.axe_js()
    open_audited(page, url, audited)
    page.add_script_tag(path=str(axe))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert results["violations"] == [] or pytest.fail(
        f"axe on {audited.path}:\n{describe_violations(results['violations'])}", pytrace=False
    )


def test_axe_reports_a_planted_violation(audit_page, url):
    """The check above can fail: an image without alternative is caught."""
    page = audit_page
    axe = tools.axe_js()
    page.goto(url("/"))
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    page.add_script_tag(path=str(axe))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert "image-alt" in [violation["id"] for violation in results["violations"]]


def nu_errors(files: list) -> list[str]:
    run = subprocess.run(  # noqa: S603
        [
            tools.java(),
            "-jar",
            str(tools.vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        f"- {message.get('url', '').rsplit('/', 1)[-1]} l.{message.get('lastLine')}: "
        f"{message['message']} [{message.get('extract', '').strip()[:120]}]"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]


def test_the_too_many_attempts_page_passes_axe_and_the_nu_checker(audit_page, url, tmp_path):
    """The 429 page answers a POST only: the login form is sent once the browser's address
    is over its limit of failed logins (the live server shares this process's cache)."""
    limit = throttle.login_failures_per_ip()
    for _ in range(limit.count):
        limit.hit("127.0.0.1")
    page = audit_page
    page.goto(url("/connexion/"))
    page.get_by_label("Identifiant").fill("membre")
    page.get_by_label("Mot de passe").fill("membre-demo")
    with page.expect_navigation() as navigation:
        page.locator("main").get_by_role("button", name="Se connecter").click()
    assert navigation.value.status == 429
    (tmp_path / "429.html").write_bytes(navigation.value.body())
    page.add_script_tag(path=str(tools.axe_js()))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert results["violations"] == [], describe_violations(results["violations"])
    assert not nu_errors([tmp_path / "429.html"])


def test_nu_html_checker_finds_no_error(page, url, tmp_path):
    """All pages in one JVM run, on the HTML as served (not the DOM after scripts)."""
    for audited in PAGES:
        page.context.clear_cookies()
        response = open_audited(page, url, audited)
        (tmp_path / f"{audited.name}.html").write_bytes(response.body())
    errors = nu_errors(sorted(tmp_path.glob("*.html")))
    assert not errors, "Nu HTML checker:\n" + "\n".join(errors)
