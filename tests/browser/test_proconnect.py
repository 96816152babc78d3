"""« S'identifier avec ProConnect » in a real browser, against a real OpenID Connect provider
(tests/proconnect/provider.py): from the login page's button to the signed-in site and the
logout at the provider; the ProConnect pages pass axe and the Nu HTML checker."""

import copy

import pytest
from django.contrib.auth.models import User

from kb.models import Territory
from proconnect.models import AccessRequest, ProConnectIdentity
from tests.browser import tools
from tests.browser.test_accessibility import AXE_TAGS, describe_violations, nu_errors
from tests.conftest import make_user
from tests.proconnect.provider import running_provider
from tests.proconnect.test_sign_in import AGENT

pytestmark = pytest.mark.writes


@pytest.fixture
def provider(settings, live_server):
    with running_provider() as provider:
        provider.register_client([live_server.url + "/proconnect/retour/"])
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        # As settings do for PROCONNECT_ISSUER: the logout form may lead to the provider.
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(provider.url)
        settings.CONTENT_SECURITY_POLICY = policy
        yield provider


def audit(page, name: str) -> None:
    page.add_script_tag(path=str(tools.axe_js()))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert results["violations"] == [], f"{name}:\n{describe_violations(results['violations'])}"


def authorize_at_provider(page, sub: str) -> None:
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_sign_in_with_proconnect_then_log_out_at_the_provider(page, url, provider):
    """With the site's Content-Security-Policy on (form-action allows the provider)."""
    user = make_user("claire", "Membre", email=AGENT["email"])
    provider.put_user("agent-1", **AGENT)
    page.goto(url("/connexion/?next=/annuaire/"))
    button = page.get_by_role("link", name="S’identifier avec ProConnect")
    # The glyph is ProConnect's, served from here.
    glyph = page.evaluate(
        "() => getComputedStyle(document.querySelector('.proconnect-button'), '::before')"
        ".backgroundImage"
    )
    assert "/static/proconnect/proconnect-glyph.svg" in glyph
    button.click()
    page.wait_for_url(lambda address: address.startswith(provider.url))
    authorize_at_provider(page, "agent-1")
    page.wait_for_url(url("/annuaire/"))
    assert page.get_by_text("Vous êtes connecté·e avec ProConnect.").is_visible()
    assert ProConnectIdentity.objects.get(sub="agent-1").user == user
    # Log out: here, then at the provider, and back.
    page.get_by_role("button", name="Se déconnecter").first.click()
    page.wait_for_url(lambda address: address.startswith(provider.url + "/oauth2/end_session"))
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(url("/"))
    assert page.get_by_text("Vous êtes déconnecté·e, de ce site et de ProConnect.").is_visible()
    assert provider.record.logouts[-1]["sub"] == "agent-1"
    assert page.goto(url("/annuaire/")).url.startswith(url("/connexion/"))


def test_someone_unknown_asks_for_access(audit_page, url, provider, tmp_path):
    page = audit_page
    provider.put_user("agent-2", **{**AGENT, "email": "inconnu@ville-exemple.fr"})
    response = page.goto(url("/connexion/"))
    (tmp_path / "connexion-proconnect.html").write_bytes(response.body())
    audit(page, "connexion")
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    page.wait_for_url(lambda address: address.startswith(provider.url))
    authorize_at_provider(page, "agent-2")
    page.wait_for_url(url("/proconnect/bienvenue/"))
    (tmp_path / "demande-acces.html").write_text(page.content())
    audit(page, "demande d'accès")
    territory = Territory.objects.order_by("name").first()
    page.get_by_label("Votre territoire").select_option(str(territory.pk))
    page.get_by_label("Message à l'équipe d'animation (facultatif)").fill("Je coordonne le CCAS.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    assert page.get_by_text("Votre demande est transmise à l'équipe d'animation.").is_visible()
    request = AccessRequest.objects.get()
    assert (request.email, request.territory, request.siret) == (
        "inconnu@ville-exemple.fr",
        territory,
        "21380185500015",
    )
    assert not User.objects.filter(email="inconnu@ville-exemple.fr").exists()
    # A failure page, in French, audited too.
    response = page.goto(url("/proconnect/retour/?code=x&state=y"))
    assert response.status == 400
    (tmp_path / "echec.html").write_bytes(response.body())
    audit(page, "échec")
    errors = nu_errors(sorted(tmp_path.glob("*.html")))
    assert not errors, "Nu HTML checker:\n" + "\n".join(errors)
