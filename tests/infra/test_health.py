"""The balancer's health check (deploy/haproxy.cfg): 200 while the database answers, never
cached, no session."""

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_the_health_check_answers_ok_and_is_never_cached(client):
    response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_the_health_check_says_503_when_the_database_does_not_answer(client, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refused)
    client.raise_request_exception = False  # as a server does: the error handler answers
    response = client.get("/healthz/")
    assert response.status_code == 503
