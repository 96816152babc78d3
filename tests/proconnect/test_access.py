"""The ProConnect routes once configured, per visitor (the access matrix checks them while
ProConnect is off): anonymous, member, animator, administrator."""

import pytest
from django.test import Client

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

VISITORS = ("anonymous", "member", "animator", "administrator")
# URL → what each visitor gets: PROVIDER (sent to its authorization endpoint), a status, or
# the path of a redirect.
PROVIDER = "provider"
ROWS = {
    "/proconnect/connexion/": (PROVIDER, PROVIDER, PROVIDER, PROVIDER),
    "/proconnect/retour/": (400, 400, 400, 400),
    "/proconnect/bienvenue/": ("/connexion/",) * 4,
    "/proconnect/deconnexion/retour/": (400, 400, 400, 400),
}


@pytest.fixture
def browsers(db) -> dict[str, Client]:
    users = {
        "anonymous": None,
        "member": make_user("acces-membre", "Membre"),
        "animator": make_user("acces-animateur", "Animateur"),
        "administrator": make_user("acces-admin", "Administrateur"),
    }
    clients = {}
    for visitor, user in users.items():
        clients[visitor] = Client()
        if user is not None:
            clients[visitor].force_login(user)
    return clients


@pytest.mark.parametrize("url", ROWS)
def test_proconnect_routes_once_configured(url, configured, browsers):
    for visitor, expected in zip(VISITORS, ROWS[url], strict=True):
        response = browsers[visitor].get(url)
        if expected == PROVIDER:
            got = PROVIDER if response.get("Location", "").startswith(configured.url) else None
        elif isinstance(expected, str):
            got = response.get("Location") if response.status_code == 302 else None
        else:
            got = response.status_code
        assert got == expected, (visitor, url, response.status_code)
