"""Production settings, response headers, CSP, CSRF, sessions and documents."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories.kb import StandardPageFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TZNR_"))}
    env.pop("ELASTICSEARCH_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="tznr.example.org",
        WAGTAILADMIN_BASE_URL="https://tznr.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    return env


def test_check_deploy_reports_nothing_with_production_variables(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_our_deploy_checks_catch_a_weakened_setting(settings):
    from infra.checks import security_choices

    assert security_choices(None) == []
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", "'unsafe-inline'"]}}
    settings.AXES_COOLOFF_TIME = None
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    ids = {problem.id for problem in security_choices(None)}
    assert ids == {"tznr.W001", "tznr.W002", "tznr.W003"}


def test_production_settings_fail_closed_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    env.pop("DJANGO_SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_site_pages_send_the_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = csp(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/recherche/?q=droits", "/connexion/", "/annuaire/"])
def test_rendered_pages_carry_no_inline_script(path, member_client):
    html = member_client.get(path).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+=\"", html), "inline event handler"


def test_templates_carry_no_inline_script():
    for template in (ROOT / "templates").rglob("*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            assert "src=" in tag, f"{template}: {tag}"


def test_session_expires_after_idle_time_and_every_request_extends_it(member, client):
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 4 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY
    client.force_login(member)
    key = client.session.session_key
    # Some idle time has passed, but less than the limit: a request pushes the expiry back.
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() + timezone.timedelta(minutes=5)
    )
    assert client.get("/annuaire/").status_code == 200
    expire = Session.objects.get(pk=key).expire_date
    assert abs((expire - timezone.now()).total_seconds() - settings.SESSION_COOKIE_AGE) < 60
    # Within the minute, an unchanged session is not written again (one UPDATE a minute)...
    assert client.get("/annuaire/").status_code == 200
    assert Session.objects.get(pk=key).expire_date == expire
    # ...two minutes later it is.
    two_minutes_ago = expire - timezone.timedelta(minutes=2)
    Session.objects.filter(pk=key).update(expire_date=two_minutes_ago)
    assert client.get("/annuaire/").status_code == 200
    assert Session.objects.get(pk=key).expire_date > expire
    # Idle past the limit: the session is over.
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert client.get("/annuaire/").status_code == 302


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/mon-profil/confirmer/", {}),
        ("/mon-profil/supprimer/", {"confirmation": "supprimer"}),
        ("/deconnexion/", {}),
        ("/annuaire/inviter/", {"emails": "x@example.org"}),
    ],
)
def test_every_form_needs_the_csrf_token(path, data, animator):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(animator)
    assert browser.post(path, data).status_code == 403


def test_every_post_form_carries_a_csrf_token(animator):
    browser = Client()
    browser.force_login(animator)
    for path in ("/", "/mon-profil/", "/annuaire/inviter/", "/connexion/"):
        html = browser.get(path).content.decode()
        for form in re.findall(r"<form\b[^>]*method=\"post\".*?</form>", html, re.S | re.I):
            assert "csrfmiddlewaretoken" in form, (path, form[:200])


# -- Lockout (django-axes) ----------------------------------------------------------------------


def login(browser, member, password):
    return browser.post("/connexion/", {"username": member.username, "password": password})


def test_repeated_failed_logins_lock_out_with_a_french_message_then_cool_off(member):
    from axes.models import AccessAttempt

    browser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(browser, member, "mauvais").status_code == 200
    locked = login(browser, member, "mauvais")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    # Even the right password is refused during the cool-off.
    assert login(browser, member, "motdepasse-test").status_code == 429
    # No permanent lock: once the cool-off has passed, the right password works again.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(minutes=1)
    )
    assert login(browser, member, "motdepasse-test").status_code == 302


# -- Wagtail admin under the CSP --------------------------------------------------------------


@pytest.fixture
def page(site_tree):
    return StandardPageFactory(parent=site_tree.home, title="Mentions légales")


def test_admin_pages_load_under_their_policy(animator, page):
    browser = Client()
    browser.force_login(animator)
    for path in (
        "/admin/",
        f"/admin/pages/{page.pk}/edit/",
        "/admin/snippets/directory/coordinator/",
    ):
        response = browser.get(path)
        assert response.status_code == 200, path
        policy = csp(response)
        assert policy["frame-ancestors"] == ["'self'"]
        # Wagtail's own widgets print inline scripts: allowed in the admin only.
        assert "'unsafe-inline'" in policy["script-src"]


def test_admin_preview_renders_in_its_same_origin_iframe(animator, page):
    browser = Client()
    browser.force_login(animator)
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Titre en aperçu zqwx",
            "slug": page.slug,
            "body": streamfield([]),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
        }
    )
    response = browser.post(preview_url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    preview = browser.get(preview_url)
    assert preview.status_code == 200
    assert "Titre en aperçu zqwx" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert csp(preview)["frame-ancestors"] == ["'self'"]


# -- Documents ------------------------------------------------------------------------------------


@pytest.fixture
def document_of(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path

    def make(filename: str, content: bytes):
        document = get_document_model()(title=filename, collection=Collection.get_first_root_node())
        document.file.save(filename, ContentFile(content), save=True)
        return document

    return make


def test_documents_are_attachments_and_never_html(client, document_of):
    html = document_of("piege.html", b"<script>alert(1)</script>")
    response = client.get(html.url)
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    pdf = document_of("guide.pdf", b"%PDF-1.4 guide")
    response = client.get(pdf.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


def test_private_files_are_not_reachable_under_the_media_url(client, document_of):
    document = document_of("interne.pdf", b"%PDF-1.4 interne")
    assert client.get(f"/media/{document.file.name}").status_code == 404
