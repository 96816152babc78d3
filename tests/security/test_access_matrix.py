"""Who may see what: every URL of the site × anonymous, member, animator, administrator.

One table drives the test. Adding a view (a URL pattern, a page type or a routable page
route) without a row here fails `test_every_url_pattern_has_a_row` and its siblings: add the
row with the expected answer for each of the four visitors.

Expected answers: an HTTP status (200, 403, 404, 405, 410), LOGIN (redirect to /connexion/),
ADMIN_LOGIN (redirect to Wagtail's login form).
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    get_page_models,
)

from directory.models import Coordinator
from events.models import EventPage
from exchange import services as exchange_services
from exchange.models import Answer, Question, Remontee
from feedback.models import ProblemReport
from kb.models import FichePage
from kb.services import MEMBERS_COLLECTION
from resources.models import ResourcePage
from tests.conftest import make_user
from tests.factories.contributions import ContributionFactory
from tests.factories.kb import ImageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

LOGIN = "login"
ADMIN_LOGIN = "admin-login"
REDIRECT = "redirect"  # back to the page itself, e.g. after registering
ADMIN_HOME = "admin-home"  # Wagtail's answer to a missing permission: back to the dashboard
VISITORS = ("anonymous", "member", "animator", "administrator")


@dataclass(frozen=True)
class Row:
    """`route`: the URL pattern as the resolver spells it (or a page type, or a routable page
    route); `url`: a sample URL, with {placeholders} filled from `samples`."""

    route: str
    url: str
    anonymous: object
    member: object
    animator: object
    administrator: object
    method: str = "get"
    data: dict | None = None


# -- URL patterns of config/urls.py (kb, search, auth) -------------------------------------------
URL_ROWS = [
    Row("connexion/", "/connexion/", 200, 200, 200, 200),
    Row("deconnexion/", "/deconnexion/", 405, 405, 405, 405),
    Row("annuaire/", "/annuaire/", LOGIN, 200, 200, 200),
    Row("annuaire/export.csv", "/annuaire/export.csv", LOGIN, 403, 200, 200),
    Row("annuaire/inviter/", "/annuaire/inviter/", LOGIN, 403, 200, 200),
    Row("annuaire/<int:pk>/vcard/", "/annuaire/{coordinator}/vcard/", LOGIN, 200, 200, 200),
    Row("invitation/<str:token>/", "/invitation/pas-un-jeton/", 410, 410, 410, 410),
    Row("mon-profil/", "/mon-profil/", LOGIN, 200, 200, 200),
    Row("mon-profil/mes-donnees.json", "/mon-profil/mes-donnees.json", LOGIN, 200, 200, 200),
    Row("mon-profil/confirmer/", "/mon-profil/confirmer/", 405, 405, 405, 405),
    Row("mon-profil/supprimer/", "/mon-profil/supprimer/", 405, 405, 405, 405),
    # Contributions: members propose; a proposal is seen and edited by its author alone (here
    # someone else's: 404 for all, never a 403 that would confirm it exists).
    Row("contribuer/", "/contribuer/", LOGIN, 200, 200, 200),
    Row("contribuer/fiche/", "/contribuer/fiche/", LOGIN, 200, 200, 200),
    Row("contribuer/document/", "/contribuer/document/", LOGIN, 200, 200, 200),
    Row("mon-profil/contributions/", "/mon-profil/contributions/", LOGIN, 200, 200, 200),
    Row(
        "mon-profil/contributions/<int:pk>/",
        "/mon-profil/contributions/{contribution}/",
        LOGIN,
        404,
        404,
        404,
    ),
    Row(
        "mon-profil/contributions/<int:pk>/modifier/",
        "/mon-profil/contributions/{contribution}/modifier/",
        LOGIN,
        404,
        404,
        404,
    ),
    # Essaimage: members declare for their own territory (the form page; POST tested apart).
    Row("essaimage/fiche/<int:pk>/", "/essaimage/fiche/{fiche}/", LOGIN, 200, 200, 200),
    Row("mot-de-passe/oublie/", "/mot-de-passe/oublie/", 200, 200, 200, 200),
    Row("mot-de-passe/envoye/", "/mot-de-passe/envoye/", 200, 200, 200, 200),
    Row(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        "/mot-de-passe/nouveau/MQ/pas-un-jeton/",
        200,
        200,
        200,
        200,
    ),
    Row("mot-de-passe/termine/", "/mot-de-passe/termine/", 200, 200, 200, 200),
    # Wagtail's helpers for restricted pages (password form, login redirect).
    Row(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "/_util/authenticate_with_password/999999/{private_page}/",
        404,
        404,
        404,
        404,
    ),
    Row("_util/login/", "/_util/login/", 200, 200, 200, 200),
    # Follows (follows/urls.py): the subscriptions of whoever is signed in; unsubscribe links
    # and feeds answer to their secret only.
    Row("mon-profil/abonnements/", "/mon-profil/abonnements/", LOGIN, 200, 200, 200),
    Row("mon-profil/abonnements/suivre/", "/mon-profil/abonnements/suivre/", 405, 405, 405, 405),
    Row(
        "mon-profil/abonnements/suivre/",
        "/mon-profil/abonnements/suivre/",
        LOGIN,
        REDIRECT,
        REDIRECT,
        REDIRECT,
        method="post",
        data={"kind": "territory", "key": "grenoble", "action": "follow"},
    ),
    Row(
        "mon-profil/abonnements/suivis/<int:pk>/",
        "/mon-profil/abonnements/suivis/999999/",
        LOGIN,
        404,
        404,
        404,
        method="post",
        data={"action": "stop"},
    ),
    Row(
        "mon-profil/abonnements/alertes/nouvelle/",
        "/mon-profil/abonnements/alertes/nouvelle/?q=droits&axis=aller-vers",
        LOGIN,
        200,
        200,
        200,
    ),
    Row(
        "mon-profil/abonnements/alertes/<int:pk>/",
        "/mon-profil/abonnements/alertes/999999/",
        LOGIN,
        404,
        404,
        404,
        method="post",
        data={"action": "stop"},
    ),
    Row(
        "mon-profil/abonnements/flux/reinitialiser/",
        "/mon-profil/abonnements/flux/reinitialiser/",
        405,
        405,
        405,
        405,
    ),
    Row("desabonnement/<str:token>/", "/desabonnement/pas-un-jeton/", 400, 400, 400, 400),
    Row(
        "flux/<str:token>/suivi-<int:pk>.atom",
        "/flux/pas-un-jeton/suivi-1.atom",
        404,
        404,
        404,
        404,
    ),
    Row(
        "flux/<str:token>/alerte-<int:pk>.atom",
        "/flux/pas-un-jeton/alerte-1.atom",
        404,
        404,
        404,
        404,
    ),
    Row("sitemap.xml", "/sitemap.xml", 200, 200, 200, 200),
    # The load balancer's health check (deploy/haproxy.cfg): « ok », nothing else.
    Row("healthz/", "/healthz/", 200, 200, 200, 200),
    # ProConnect (proconnect/urls.py): absent (404) while it is not configured, as here; the
    # answers once configured, against a real provider: tests/proconnect/test_access.py.
    Row("proconnect/connexion/", "/proconnect/connexion/", 404, 404, 404, 404),
    Row("proconnect/retour/", "/proconnect/retour/", 404, 404, 404, 404),
    Row("proconnect/bienvenue/", "/proconnect/bienvenue/", 404, 404, 404, 404),
    Row(
        "proconnect/deconnexion/retour/",
        "/proconnect/deconnexion/retour/",
        400,
        400,
        400,
        400,
    ),
    # Image renditions (kb.views.media): the rules of documents; originals have no URL.
    Row("media/images/<str:name>", "{public_image}", 200, 200, 200, 200),
    Row("media/images/<str:name>", "{members_image}", LOGIN, 200, 200, 200),
    Row("media/images/<str:name>", "/media/images/absente.jpg", 404, 404, 404, 404),
    Row("media/images/<str:name>", "/media/{original_image}", 404, 404, 404, 404),
    Row("recherche/", "/recherche/?q=droits", 200, 200, 200, 200),
    Row("api/search/", "/api/search/?q=droits", 200, 200, 200, 200),
    Row("api/search/suggestions/", "/api/search/suggestions/?q=gre", 200, 200, 200, 200),
    # The observatory and the open data (observatory/urls.py): public, public content only.
    Row("observatoire/", "/observatoire/?region=Bretagne", 200, 200, 200, 200),
    Row(
        r"^observatoire/(?P<key>[-a-z0-9]+)\.csv$",
        "/observatoire/axes.csv?year=2024",
        200,
        200,
        200,
        200,
    ),
    Row(
        r"^observatoire/territoires/(?P<slug>[-a-z0-9]+)/(?P<key>[-a-z0-9]+)\.csv$",
        "/observatoire/territoires/grenoble/etats.csv",
        200,
        200,
        200,
        200,
    ),
    Row("donnees/", "/donnees/", 200, 200, 200, 200),
    Row("donnees/datapackage.json", "/donnees/datapackage.json", 200, 200, 200, 200),
    Row(
        r"^donnees/(?P<name>[-a-z0-9_]+)\.(?P<extension>csv|json)$",
        "/donnees/fiches.csv",
        200,
        200,
        200,
        200,
    ),
    # Calendar feeds (events/urls.py): public feeds for all, the private one by secret token.
    Row("evenements/calendrier.ics", "/evenements/calendrier.ics", 200, 200, 200, 200),
    Row(
        r"evenements/^calendrier/(?P<kind>[a-z_]+)\.ics$",
        "/evenements/calendrier/pleniere.ics",
        200,
        200,
        200,
        200,
    ),
    Row(
        r"evenements/^territoires/(?P<slug>[-a-z0-9]+)\.ics$",
        "/evenements/territoires/grenoble.ics",
        200,
        200,
        200,
        200,
    ),
    Row(
        r"evenements/^prive/(?P<token>[-_A-Za-z0-9]{1,100})\.ics$",
        "/evenements/prive/pas-le-bon-jeton.ics",
        404,
        404,
        404,
        404,
    ),
    Row("evenements/mon-agenda/", "/evenements/mon-agenda/", LOGIN, 200, 200, 200),
    # Questions and remontées (exchange/urls.py): members only. The matrix's accounts wrote
    # none of the sample messages: editing or deleting them is refused to all.
    Row("questions/", "/questions/", LOGIN, 200, 200, 200),
    Row("questions/nouvelle/", "/questions/nouvelle/", LOGIN, 200, 200, 200),
    Row("questions/<int:pk>/", "/questions/{question}/", LOGIN, 200, 200, 200),
    Row("questions/<int:pk>/modifier/", "/questions/{question}/modifier/", LOGIN, 403, 403, 403),
    Row(
        "questions/<int:pk>/supprimer/",
        "/questions/{question}/supprimer/",
        LOGIN,
        403,
        403,
        403,
        method="post",
    ),
    Row(
        "questions/<int:pk>/moi-aussi/",
        "/questions/{question}/moi-aussi/",
        LOGIN,
        REDIRECT,
        REDIRECT,
        REDIRECT,
        method="post",
    ),
    Row(
        "questions/<int:pk>/mensuelle/",
        "/questions/{mensuelle_question}/mensuelle/",
        LOGIN,
        403,
        200,
        200,
    ),
    Row(
        "questions/reponses/<int:pk>/modifier/",
        "/questions/reponses/{answer}/modifier/",
        LOGIN,
        403,
        403,
        403,
    ),
    Row(
        "questions/reponses/<int:pk>/supprimer/",
        "/questions/reponses/{answer}/supprimer/",
        LOGIN,
        403,
        403,
        403,
        method="post",
    ),
    Row(
        "questions/reponses/<int:pk>/retenir/",
        "/questions/reponses/{answer}/retenir/",
        LOGIN,
        403,
        302,
        302,
        method="post",
    ),
    Row("remontees/", "/remontees/", LOGIN, 200, 200, 200),
    Row("remontees/nouvelle/", "/remontees/nouvelle/", LOGIN, 200, 200, 200),
    Row("remontees/<int:pk>/", "/remontees/{remontee}/", LOGIN, 200, 200, 200),
    Row("remontees/<int:pk>/modifier/", "/remontees/{remontee}/modifier/", LOGIN, 403, 403, 403),
    Row(
        "remontees/<int:pk>/supprimer/",
        "/remontees/{remontee}/supprimer/",
        LOGIN,
        403,
        403,
        403,
        method="post",
    ),
    Row(
        "remontees/<int:pk>/etat/",
        "/remontees/{remontee}/etat/",
        LOGIN,
        403,
        REDIRECT,
        REDIRECT,
        method="post",
        data={"state": "a_l_etude", "note": "Note de l'équipe."},
    ),
    Row(
        "remontees/<int:pk>/nous-aussi/",
        "/remontees/{remontee}/nous-aussi/",
        LOGIN,
        REDIRECT,
        REDIRECT,
        REDIRECT,
        method="post",
        data={"territory": "{territory}"},
    ),
    Row("signaler/<str:kind>/<int:pk>/", "/signaler/reponse/{answer}/", LOGIN, 200, 200, 200),
    Row(
        "mon-profil/notifications/",
        "/mon-profil/notifications/",
        LOGIN,
        302,
        302,
        302,
        method="post",
    ),
    # Feedback (feedback/urls.py): the questionnaire is for the event's participants (none of
    # these visitors registered); the results are for animators.
    Row(
        "retours/evenements/<int:event_id>/satisfaction/",
        "/retours/evenements/{past_event}/satisfaction/",
        LOGIN,
        403,
        403,
        403,
    ),
    Row("retours/satisfaction/", "/retours/satisfaction/?year=2024", LOGIN, 403, 200, 200),
    Row(
        "retours/satisfaction/<slug:key>.csv",
        "/retours/satisfaction/par-type.csv",
        LOGIN,
        403,
        200,
        200,
    ),
    Row(
        "retours/satisfaction/evenements/<int:event_id>/",
        "/retours/satisfaction/evenements/{past_event}/",
        LOGIN,
        403,
        200,
        200,
    ),
    Row(
        "retours/pages/<int:page_id>/utile/", "/retours/pages/{fiche_id}/utile/", 200, 200, 200, 200
    ),
    Row(
        "retours/pages/<int:page_id>/signaler/",
        "/retours/pages/{fiche_id}/signaler/",
        LOGIN,
        200,
        200,
        200,
    ),
    Row("retours/fraicheur/", "/retours/fraicheur/", LOGIN, 403, 200, 200),
    Row("retours/usages/", "/retours/usages/?du=2024-01-01&au=2024-12-31", LOGIN, 403, 200, 200),
    Row(
        "retours/usages/<slug:key>.csv",
        "/retours/usages/usages-par-semaine.csv",
        LOGIN,
        403,
        200,
        200,
    ),
    # The video's play beacon is a POST from the recording page (tests/feedback/test_usage.py).
    Row(
        "retours/pages/<int:page_id>/lecture/",
        "/retours/pages/{fiche_id}/lecture/",
        405,
        405,
        405,
        405,
    ),
    Row(
        "retours/fraicheur/<int:page_id>/confirmer/",
        "/retours/fraicheur/{fiche_id}/confirmer/",
        405,
        405,
        405,
        405,
    ),
    Row(
        r"evenements/^(?P<path>[-\w]+(?:/[-\w]+)*)\.ics$",
        "{event_ics}",
        200,
        200,
        200,
        200,
    ),
]

# -- Included URL sets, covered as a whole by sample URLs ----------------------------------------
# Wagtail admin: every URL needs admin access; a member gets 403 (infra.security), including on
# revision compare, history, copy and preview of a members-only page.
PREFIX_ROWS = {
    "admin/": [
        Row("admin/", "/admin/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/pages/{private_page}/edit/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/pages/{private_page}/history/", ADMIN_LOGIN, 403, 200, 200),
        Row(
            "admin/",
            "/admin/pages/{private_page}/revisions/compare/earliest...{revision}/",
            ADMIN_LOGIN,
            403,
            200,
            200,
        ),
        Row("admin/", "/admin/pages/{private_page}/copy/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/pages/{private_page}/edit/preview/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/snippets/directory/coordinator/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/snippets/directory/directoryexport/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/collections/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/collections/{members_collection}/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/users/", ADMIN_LOGIN, 403, ADMIN_HOME, 200),
        # A proposal in review: animators edit and review it in the admin, members never.
        Row("admin/", "/admin/pages/{proposal_page}/edit/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/exchange/signalements/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/exchange/signalements/{report}/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/demandes-acces/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/retours/signalements/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/retours/signalements/{problem_report}/", ADMIN_LOGIN, 403, 200, 200),
        Row("admin/", "/admin/login/", 200, 200, ADMIN_HOME, ADMIN_HOME),
    ],
    # Documents go through serve_view: the privacy of their collection and of every page that
    # uses them applies (kb.wagtail_hooks); the demo's own documents are read too.
    "documents/": [
        Row("documents/", "/documents/{public_document}", 200, 200, 200, 200),
        Row("documents/", "/documents/{private_document}", LOGIN, 200, 200, 200),
        Row("documents/", "/documents/{demo_public_document}", 200, 200, 200, 200),
        Row("documents/", "/documents/{demo_members_document}", LOGIN, 200, 200, 200),
        Row("documents/", "/documents/999999/absent.pdf", 404, 404, 404, 404),
    ],
}

# -- Wagtail pages: one row per page type of the demo (and the members-only variant) -------------
PAGE_ROWS = [
    Row("kb.HomePage", "{kb_HomePage}", 200, 200, 200, 200),
    Row("kb.StandardPage", "{kb_StandardPage}", 200, 200, 200, 200),
    Row("kb.FicheIndexPage", "{kb_FicheIndexPage}", 200, 200, 200, 200),
    Row("kb.FichePage", "{kb_FichePage}", 200, 200, 200, 200),
    Row("kb.TerritoryIndexPage", "{kb_TerritoryIndexPage}", 200, 200, 200, 200),
    Row("events.EventIndexPage", "{events_EventIndexPage}", 200, 200, 200, 200),
    Row("events.EventPage", "{events_EventPage}", 200, 200, 200, 200),
    Row("events.EventSeriesPage", "{events_EventSeriesPage}", 200, 200, 200, 200),
    Row("resources.ResourceIndexPage", "{resources_ResourceIndexPage}", 200, 200, 200, 200),
    Row("resources.ResourcePage", "{resources_ResourcePage}", 200, 200, 200, 200),
    Row("resources.RecordingPage", "{resources_RecordingPage}", 200, 200, 200, 200),
    Row("members-only page", "{private_page_url}", LOGIN, 200, 200, 200),
    Row("a proposal in review (draft page)", "{proposal_page_url}", 404, 404, 404, 404),
    Row("unknown page", "/cette-page-n-existe-pas/", 404, 404, 404, 404),
]

# -- Routes of routable pages (RoutablePageMixin), as "app.Model:route name" ---------------------
ROUTE_ROWS = [
    Row("kb.TerritoryIndexPage:index_route", "{kb_TerritoryIndexPage}", 200, 200, 200, 200),
    Row("kb.TerritoryIndexPage:territory_list", "{kb_TerritoryIndexPage}", 200, 200, 200, 200),
    Row("kb.TerritoryIndexPage:territory", "{kb_TerritoryIndexPage}grenoble/", 200, 200, 200, 200),
    Row("events.EventIndexPage:index_route", "{events_EventIndexPage}", 200, 200, 200, 200),
    Row("events.EventIndexPage:upcoming", "{events_EventIndexPage}", 200, 200, 200, 200),
    Row("events.EventIndexPage:month", "{events_EventIndexPage}2024/05/", 200, 200, 200, 200),
    Row("events.EventIndexPage:past", "{events_EventIndexPage}passes/", 200, 200, 200, 200),
    Row("events.EventSeriesPage:index_route", "{events_EventSeriesPage}", 200, 200, 200, 200),
    Row("events.EventSeriesPage:series_page", "{events_EventSeriesPage}", 200, 200, 200, 200),
    Row("events.EventPage:index_route", "{registrable_event}", 200, 200, 200, 200),
    Row("events.EventPage:event_page", "{registrable_event}", 200, 200, 200, 200),
    # Registering is a POST for members; the list and its export are for animators.
    Row(
        "events.EventPage:registration_toggle",
        "{registrable_event}inscription/",
        LOGIN,
        REDIRECT,
        REDIRECT,
        REDIRECT,
        method="post",
        data={"action": "inscrire"},
    ),
    Row(
        "events.EventPage:registration_list",
        "{registrable_event}inscrits/",
        LOGIN,
        403,
        200,
        200,
    ),
    Row(
        "events.EventPage:registration_export",
        "{registrable_event}inscrits/export/",
        LOGIN,
        403,
        200,
        200,
    ),
    Row("resources.RecordingPage:index_route", "{resources_RecordingPage}", 200, 200, 200, 200),
    Row("resources.RecordingPage:show", "{resources_RecordingPage}", 200, 200, 200, 200),
    Row(
        "resources.RecordingPage:captions",
        "{resources_RecordingPage}sous-titres/",
        200,
        200,
        200,
        200,
    ),
]

# The catch-all pattern that serves Wagtail pages (covered by PAGE_ROWS).
WAGTAIL_SERVE_ROUTES = {r"^((?:[\w\-]+/)*)$"}


def url_routes(resolver=None, prefix: str = "") -> list[str]:
    """Every URL pattern of the site, stopping at the included sets of PREFIX_ROWS."""
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route in PREFIX_ROWS:
                routes.append(route)
            else:
                routes += url_routes(entry, route)
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


def routable_routes() -> list[str]:
    return [
        f"{model._meta.label}:{pattern.name}"
        for model in get_page_models()
        if issubclass(model, RoutablePageMixin)
        for pattern in model.get_subpage_urls()
    ]


def test_every_url_pattern_has_a_row():
    covered = {row.route for row in URL_ROWS} | set(PREFIX_ROWS) | WAGTAIL_SERVE_ROUTES
    missing = [route for route in url_routes() if route not in covered]
    assert not missing, f"Add a row to the access matrix for: {missing}"


def test_every_page_type_has_a_row():
    covered = {row.route for row in PAGE_ROWS}
    missing = [
        model._meta.label
        for model in get_page_models()
        if model is not Page and model._meta.label not in covered
    ]
    assert not missing, f"Add a row to the access matrix for the page types: {missing}"


def test_every_routable_page_route_has_a_row():
    covered = {row.route for row in ROUTE_ROWS}
    missing = [route for route in routable_routes() if route not in covered]
    assert not missing, f"Add a row to the access matrix for the routes: {missing}"


def test_no_row_is_stale():
    """A row whose URL pattern was removed must go too (the table stays the truth)."""
    routes = set(url_routes())
    stale = [row.route for row in URL_ROWS if row.route not in routes]
    assert not stale, stale


# -- The matrix itself ----------------------------------------------------------------------------


@pytest.fixture
def samples(tmp_path, settings):
    """Sample objects the rows point at: pages of each type, documents, images, a coordinator."""
    Document = get_document_model()
    members_only = ResourcePage.objects.filter(pk__in=PageViewRestriction.objects.values("page"))
    demo_documents = {
        "demo_members_document": Document.objects.filter(
            pk__in=members_only.values("documents__document")
        ).first(),
        "demo_public_document": Document.objects.filter(
            pk__in=ResourcePage.objects.exclude(pk__in=members_only).values("documents__document"),
            file__endswith=".pdf",
        ).first(),
    }
    demo_files = {}
    for name, document in demo_documents.items():
        with document.file.open("rb") as handle:
            demo_files[name] = handle.read()
    settings.MEDIA_ROOT = tmp_path
    values = {}
    for name, document in demo_documents.items():  # the demo's files, under this test's media
        (tmp_path / "documents").mkdir(exist_ok=True)
        (tmp_path / document.file.name).write_bytes(demo_files[name])
        values[name] = document.url.removeprefix("/documents/")
    for model in get_page_models():
        page = model.objects.live().public().first()
        if page is not None:
            values[model._meta.label.replace(".", "_")] = page.url
    private = (
        Page.objects.live()
        .filter(pk__in=PageViewRestriction.objects.values("page_id"))
        .order_by("depth")
        .first()
    )
    assert private is not None, "the demo has a members-only page"
    private.specific.save_revision()
    values["private_page"] = private.pk
    values["private_page_url"] = private.url
    values["revision"] = private.get_latest_revision().pk
    values["coordinator"] = Coordinator.objects.order_by("pk").first().pk
    fiche = FichePage.objects.live().public().order_by("pk").first()
    values["fiche"] = fiche.pk
    author = make_user("matrice-auteur", "Membre")
    proposal_page = FichePage(
        title="Proposition en relecture",
        slug="proposition-en-relecture",
        chapo="…",
        axis=fiche.axis,
        status="en_cours",
        year=2025,
        live=False,
        owner=author,
    )
    fiche.get_parent().add_child(instance=proposal_page)
    proposal_page.save_revision(user=author)
    values["proposal_page"] = proposal_page.pk
    values["proposal_page_url"] = proposal_page.url
    values["contribution"] = ContributionFactory(author=author, page=proposal_page).pk
    answer = Answer.objects.order_by("pk").first()
    values["question"] = answer.question_id
    values["answer"] = answer.pk
    values["mensuelle_question"] = Question.objects.filter(mensuelle__isnull=False).first().pk
    remontee = Remontee.objects.order_by("pk").first()
    values["remontee"] = remontee.pk
    values["territory"] = remontee.territory_id
    values["report"] = exchange_services.report_message(
        message=answer, reporter=None, reason="Hors sujet"
    ).pk
    values["members_collection"] = Collection.objects.get(name=MEMBERS_COLLECTION).pk
    registrable = (
        EventPage.objects.live()
        .public()
        .filter(registration_enabled=True, start__gte=timezone.now())
        .order_by("start")
        .first()
    )
    values["registrable_event"] = registrable.url
    fiche = FichePage.objects.live().public().order_by("pk").first()
    values["fiche_id"] = fiche.pk
    values["problem_report"] = ProblemReport.objects.create(page=fiche, kind="doublon").pk
    values["past_event"] = (
        EventPage.objects.live().public().filter(end__lt=timezone.now()).order_by("end").first().pk
    )
    values["event_ics"] = registrable.url.rstrip("/") + ".ics"
    public = Document(title="Public", collection=Collection.get_first_root_node())
    public.file.save("public.pdf", ContentFile(b"%PDF-1.4 public"), save=True)
    values["public_document"] = public.url.removeprefix("/documents/")
    restricted = Collection.get_first_root_node().add_child(name="Membres seulement")
    restriction = CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    restriction.save()
    private_doc = Document(title="Privé", collection=restricted)
    private_doc.file.save("prive.pdf", ContentFile(b"%PDF-1.4 private"), save=True)
    values["private_document"] = private_doc.url.removeprefix("/documents/")
    public_image = ImageFactory()
    values["public_image"] = public_image.get_rendition("width-800").url
    values["original_image"] = public_image.file.name
    members_image = ImageFactory(collection=Collection.objects.get(name=MEMBERS_COLLECTION))
    values["members_image"] = members_image.get_rendition("width-800").url
    return values


@pytest.fixture
def browsers(db) -> dict[str, Client]:
    users: dict[str, User | None] = {
        "anonymous": None,
        "member": make_user("matrice-membre", "Membre"),
        "animator": make_user("matrice-animateur", "Animateur"),
        "administrator": make_user("matrice-admin", "Administrateur"),
    }
    clients = {}
    for visitor, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[visitor] = client
    return clients


def outcome(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/connexion/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location == "/admin/":
            return ADMIN_HOME
        if location == response.request["PATH_INFO"].rsplit("/", 2)[0] + "/":
            return REDIRECT
    return response.status_code


ALL_ROWS = URL_ROWS + [row for rows in PREFIX_ROWS.values() for row in rows] + PAGE_ROWS
ALL_ROWS += ROUTE_ROWS


@pytest.mark.parametrize("row", ALL_ROWS, ids=lambda row: f"{row.route} {row.url}")
def test_access_matrix(row, samples, browsers):
    url = row.url.format_map(samples)
    data = {name: str(value).format_map(samples) for name, value in (row.data or {}).items()}
    got = {
        visitor: outcome(getattr(browsers[visitor], row.method)(url, data)) for visitor in VISITORS
    }
    expected = {visitor: getattr(row, visitor) for visitor in VISITORS}
    assert got == expected, url
