"""Hostile input in every filter and form of the site: never a 5xx, never stored corrupt.

The pages are the rows of the access matrix (tests/security/test_access_matrix.py), which is
itself checked against the URL conf, the page types and the routes of routable pages, plus
working invitation and password-reset links. Each page is read as an anonymous visitor, a
member with a directory entry and an animator; the test finds what it accepts in its HTML:
the fields of its forms (GET filters and POST forms) and the query parameters of its links.
Then every parameter and every field, one at a time (the other fields keep the values the
page shows), receives each hostile value: a NUL byte, huge integers, an overlong string and
bytes that are not UTF-8. Integer path parameters get the huge integer too.

Every answer is below 500; an error page is French; no NUL and no broken bytes reach the
database.
Runs on both databases; about 20 s on each (idle machine).
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import models
from django.db.models.functions import Cast
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from directory.models import Coordinator, Invitation
from kb.models import Territory
from tests.conftest import make_user
from tests.security.test_access_matrix import (
    PAGE_ROWS,
    PREFIX_ROWS,
    ROUTE_ROWS,
    URL_ROWS,
    samples,  # noqa: F401 (the fixture)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MARKER = "ZZHOSTILE"
CORRUPT = "ZZCORRUPT"
HUGE = "98765432109876543210987654321"
# Each value as it goes on the wire (percent-encoded): the last one decodes to bytes that are
# no UTF-8 (a lone continuation byte, an overlong encoding, a byte that never occurs). A
# number or a long text is what a person may write in a free-text field (a question, a
# report's reason): stored there, it is no fault. A NUL or broken bytes never are.
HOSTILE = {
    "nul": quote(f"{CORRUPT}\x00nul"),
    "huge-integer": HUGE,
    "negative-huge-integer": quote(f"-{HUGE}"),
    "overlong": quote(MARKER + "é" * 300),
    "invalid-utf8": f"{CORRUPT}%80%C0%AF%FF",
}
# Security logs of failed logins keep what was typed, by design (purged by rgpd_maintenance).
UNSCANNED_APPS = {"axes", "sessions"}
ROLES = ("anonymous", "member", "animator")
# What a visitor would type in an empty field, so that a form gets past its other fields.
ORDINARY = {
    "email": "personne@example.org",
    "password": "Valeur-ordinaire-42",
    "tel": "01 02 03 04 05",
    "number": "1",
    "date": "2024-05-01",
    "url": "https://example.org/",
}
NOT_PROBED = ("/admin/", "/documents/", "/deconnexion/")
PUBLIC_ADMIN_PAGES = ("/admin/login/", "/admin/password_reset/")


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)


class PageInputs(HTMLParser):
    """The forms of a page and the query parameters of its links."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.link_params: set[str] = set()
        self._form: Form | None = None
        self._select: str | None = None
        self._select_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = Form((attrs.get("method") or "get").lower(), attrs.get("action") or "")
            self.forms.append(self._form)
        elif tag == "a" and "?" in (attrs.get("href") or ""):
            self.link_params |= {name for name, _ in parse_qsl(urlsplit(attrs["href"]).query)}
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self._form.fields.append((attrs["name"], None))  # known, not sent
            elif kind not in ("submit", "reset", "image", "file"):
                value = attrs.get("value") or ("" if kind == "hidden" else ordinary(kind))
                self._form.fields.append((attrs["name"], value))
        elif tag == "button" and attrs.get("value") is not None:
            self._form.fields.append((attrs["name"], attrs["value"]))
        elif tag == "select":
            self._select, self._select_value = attrs["name"], None
        elif tag == "textarea":
            self._form.fields.append((attrs["name"], ordinary("text")))
        if tag == "option" and self._select and ("selected" in attrs or self._select_value is None):
            self._select_value = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            self._form.fields.append((self._select, self._select_value or ""))
            self._select = None


def ordinary(kind: str) -> str:
    return ORDINARY.get(kind, "texte ordinaire")


def inputs_of(html: str) -> PageInputs:
    parser = PageInputs()
    parser.feed(html)
    return parser


@pytest.fixture
def visitors(db) -> dict[str, tuple[Client, object]]:
    """role → (browser, its user): a member with a directory entry, an animator."""
    member = make_user("hostile-membre", "Membre", email="hostile-membre@example.org")
    entry = Coordinator.objects.filter(user__isnull=True).order_by("pk").first()
    entry.user = member
    entry.save()
    animator = make_user("hostile-animateur", "Animateur", is_staff=True)
    visitors = {"anonymous": (Client(raise_request_exception=False), None)}
    for role, user in (("member", member), ("animator", animator)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        visitors[role] = (client, user)
    return visitors


@pytest.fixture
def pages(samples) -> list[str]:  # noqa: F811 (the fixture imported above)
    """Every URL of the access matrix that answers a GET, plus links that open real forms."""
    rows = URL_ROWS + PAGE_ROWS + ROUTE_ROWS + PREFIX_ROWS["admin/"]
    urls = {row.url.format_map(samples) for row in rows if row.method == "get"}
    urls = {url for url in urls if not url.startswith(NOT_PROBED)} | set(PUBLIC_ADMIN_PAGES)
    invitation, token = Invitation.create(
        email="invitee@example.org", territory=Territory.objects.first(), invited_by=None
    )
    urls.add(f"/invitation/{token}/")
    user = make_user("hostile-reset", "Membre", email="hostile-reset@example.org")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    urls.add(f"/mot-de-passe/nouveau/{uid}/{default_token_generator.make_token(user)}/")
    return sorted(urls)


def integer_path_variants(samples: dict) -> list[str]:  # noqa: F811
    """The matrix URLs whose pattern holds an integer, with the huge integer in its place."""
    rows = URL_ROWS + [row for rows in PREFIX_ROWS.values() for row in rows]
    variants = []
    for row in rows:
        if "<int:" in row.route or "{coordinator}" in row.url or "{private_page}" in row.url:
            url = row.url.format_map({**samples, "coordinator": HUGE, "private_page": HUGE})
            if not url.startswith("/admin/"):
                variants.append(url)
    return variants + [f"/documents/{HUGE}/x.pdf"]


def stored_hostile_values() -> list[str]:
    """Models with a row holding a corrupt value (a NUL, broken bytes), as 'app.Model'."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in UNSCANNED_APPS or not model._meta.managed:
            continue
        condition = models.Q()
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.CharField | models.TextField):
                lookup = model_field.name
            elif isinstance(model_field, models.JSONField):
                lookup = f"{model_field.name}_as_text"
            else:
                continue
            condition |= models.Q(**{f"{lookup}__contains": CORRUPT})
        if not condition:
            continue
        rows = model._base_manager.alias(
            **{
                f"{f.name}_as_text": Cast(f.name, models.TextField())
                for f in model._meta.concrete_fields
                if isinstance(f, models.JSONField)
            }
        )
        if rows.filter(condition).exists():
            found.append(model._meta.label)
    return found


class Answers:
    """Every request's answer is checked; all the faults are reported at the end."""

    def __init__(self):
        self.faults: list[str] = []

    def check(self, response, what: str) -> None:
        status = response.status_code
        if status >= 500:
            self.faults.append(f"{what}: HTTP {status}")
        elif status >= 400 and status not in (404, 405):
            body = response.content.decode("utf-8", "replace")
            if response["Content-Type"].startswith("application/json"):
                if not re.search(r'"error": "[^"]+', body):
                    self.faults.append(f"{what}: HTTP {status} without an error message")
            elif 'lang="fr"' not in body:
                self.faults.append(f"{what}: HTTP {status} without a French page")


def get_variants(url: str, inputs: PageInputs) -> list[str]:
    """The URL with each parameter it takes, alone, set to each hostile value."""
    path, query = url.split("?", 1) if "?" in url else (url, "")
    names = {name for name, _ in parse_qsl(query)} | inputs.link_params
    for form in inputs.forms:
        if form.method == "get" and form.action in ("", path, url):
            names |= {name for name, _ in form.fields}
    return [f"{path}?{quote(name)}={value}" for name in sorted(names) for value in HOSTILE.values()]


def post_bodies(form: Form) -> list[tuple[str, str]]:
    """(field, urlencoded body) with that field set to each hostile value, the rest as shown."""
    editable = [name for name, _ in form.fields if name != "csrfmiddlewaretoken"]
    bodies = []
    for target in dict.fromkeys(editable):
        kept = [(n, v) for n, v in form.fields if n != target and v is not None]
        for value in HOSTILE.values():
            bodies.append((target, f"{urlencode(kept)}&{quote(target)}={value}"))
    return bodies


def probed(form: Form, path: str) -> str | None:
    """Where a POST form of the page sends its data, if the test should attack it."""
    action = urlsplit(form.action).path or path
    if form.method != "post" or not action.startswith("/"):
        return None
    if action.startswith(NOT_PROBED) and not action.startswith(PUBLIC_ADMIN_PAGES):
        return None  # the admin, documents, the logout button
    return action


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_every_filter_and_form_give_no_5xx_and_store_nothing(
    role,
    visitors,
    pages,
    settings,
):
    settings.TZNR_PASSWORD_RESET_PER_IP = 10_000  # reach the form itself every time
    settings.TZNR_PASSWORD_RESET_PER_EMAIL = 10_000
    client, user = visitors[role]
    answers = Answers()
    forms = set()
    for url in pages:
        response = client.get(url)
        answers.check(response, f"{role} GET {url}")
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            inputs = inputs_of(response.content.decode())
        elif url.startswith("/api/"):  # the search page's parameters
            inputs = inputs_of(client.get("/recherche/?q=droits").content.decode())
        else:
            continue
        for variant in get_variants(url, inputs):
            answers.check(client.get(variant), f"{role} GET {variant}")
        for form in inputs.forms:
            action = probed(form, url.split("?", 1)[0])
            if action is None:
                continue
            forms.add(action)
            for target, body in post_bodies(form):
                response = client.post(
                    action, body, content_type="application/x-www-form-urlencoded"
                )
                answers.check(response, f"{role} POST {action} {target}={body[-50:]!r}")
                if user is not None and client.session.get("_auth_user_id") != str(user.pk):
                    client.force_login(user)
    assert not answers.faults, "\n".join(answers.faults)
    assert len(forms) >= {"anonymous": 3, "member": 5, "animator": 4}[role], forms
    assert stored_hostile_values() == []


def test_huge_integers_in_path_parameters_give_no_5xx(visitors, samples):  # noqa: F811
    answers = Answers()
    for role, (client, _) in visitors.items():
        for url in integer_path_variants(samples):
            answers.check(client.get(url), f"{role} GET {url}")
    assert not answers.faults, "\n".join(answers.faults)
