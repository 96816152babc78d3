from urllib.parse import urlsplit

import pytest

from tests.proconnect.provider import running_provider

CALLBACK = "http://testserver/proconnect/retour/"


@pytest.fixture
def provider():
    """A ProConnect-like provider on a loopback port (tests/proconnect/provider.py)."""
    with running_provider() as provider:
        provider.register_client([CALLBACK])
        yield provider


@pytest.fixture
def configured(settings, provider):
    """The site configured for `provider`, as PROCONNECT_* environment variables would."""
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return provider


def start(client, next_url: str = "") -> str:
    """Click « S'identifier avec ProConnect »: the provider's authorization URL."""
    response = client.get("/proconnect/connexion/" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def back(client, location: str):
    """Follow the provider's redirect back to the site (the Django test client's host)."""
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}" == "http://testserver", location
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def sign_in(client, provider, sub: str, next_url: str = ""):
    """The whole journey over HTTP: the site, the provider's form, the site's callback."""
    return back(client, provider.authorize(start(client, next_url), sub))
