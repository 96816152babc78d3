"""No HTML a member types reaches a page unescaped: every field of the exchange, every page
that shows it (site, admin, search, sections of other pages), read by a second HTML parser."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from exchange.models import Answer, Question, Remontee, Report
from tests.exchange.conftest import signed_in

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("xss")</script>',
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "[lien](javascript:alert(1))",
    '<a href="javascript:alert(1)">clic</a>',
]
PAYLOAD = " ".join(PAYLOADS)


class Hostile(HTMLParser):
    """Collects what would run: inline scripts, event handlers, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript"):
                self.found.append(f"{tag} {name}={value}")
        if tag == "script" and not dict(attrs).get("src"):
            self.found.append("inline script")
        if tag in ("svg", "img") and dict(attrs).get("src") == "x":
            self.found.append(tag)


def assert_safe(response):
    assert response.status_code in (200, 400), response.status_code
    page = response.content.decode()
    parser = Hostile()
    parser.feed(page)
    found = parser.found
    if response.wsgi_request.path.startswith("/admin/"):
        # Wagtail's admin prints its own inline scripts (its CSP allows them there).
        found = [item for item in found if item != "inline script"]
    assert found == [], response.wsgi_request.path
    for payload in PAYLOADS[:3]:
        assert payload not in page


def test_every_field_of_the_exchange_is_escaped_everywhere(
    asker,
    helper,
    animator_user,
    fiche,
    mensuelle,
    territory,
    axis,
    django_capture_on_commit_callbacks,
):
    member, other, animator = signed_in(asker), signed_in(helper), signed_in(animator_user)
    # Refused forms echo what was typed: escaped too.
    assert_safe(
        member.post(
            "/questions/nouvelle/",
            {"title": PAYLOAD, "body": PAYLOAD, "about": PAYLOAD, "axis": "x"},
        )
    )
    assert_safe(member.get("/questions/", {"axis": PAYLOAD}))
    with django_capture_on_commit_callbacks(execute=True):
        member.post(
            "/questions/nouvelle/",
            {
                "title": PAYLOAD[:200],
                "body": PAYLOAD,
                "axis": axis.pk,
                "territories": [territory.pk],
                "about": fiche.url,
                "send_to_mensuelle": "on",
            },
        )
        question = Question.objects.get(author=asker)
        other.post(f"/questions/{question.pk}/", {"body": PAYLOAD})
        answer = Answer.objects.get(question=question)
        member.post(f"/questions/reponses/{answer.pk}/retenir/")
        member.post(
            "/remontees/nouvelle/",
            {
                "kind": "alerte",
                "title": PAYLOAD[:200],
                "body": PAYLOAD,
                "axis": axis.pk,
                "territory": territory.pk,
            },
        )
        remontee = Remontee.objects.get(author=asker)
        animator.post(f"/remontees/{remontee.pk}/etat/", {"state": "traitee", "note": PAYLOAD})
        other.post(f"/signaler/reponse/{answer.pk}/", {"reason": PAYLOAD})
    assert_safe(
        animator.post(
            f"/questions/{question.pk}/mensuelle/", {"recording": PAYLOAD, "time": PAYLOAD[:8]}
        )
    )
    assert_safe(other.post(f"/remontees/{remontee.pk}/nous-aussi/", {"territory": PAYLOAD}))
    report = Report.objects.get()
    for browser, url in [
        (member, f"/questions/{question.pk}/"),
        (member, "/questions/"),
        (member, f"/questions/{question.pk}/modifier/"),
        (other, f"/questions/reponses/{answer.pk}/modifier/"),
        (member, f"/remontees/{remontee.pk}/"),
        (member, "/remontees/"),
        (member, f"/remontees/{remontee.pk}/modifier/"),
        (member, fiche.url),
        (member, mensuelle.url),
        (member, f"/signaler/question/{question.pk}/"),
        (member, "/recherche/?q=alert"),
        (animator, "/admin/exchange/signalements/"),
        (animator, f"/admin/exchange/signalements/{report.pk}/"),
        (Client(), fiche.url),
    ]:
        assert_safe(browser.get(url))
