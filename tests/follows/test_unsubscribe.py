"""One-click unsubscribe (RFC 8058): a signed link, a clear French page when it is not valid."""

import datetime
import time

import pytest
from django.core import signing
from django.utils import timezone

from follows.models import Follow, Frequency, SavedSearch
from follows.services import UnsubscribeInvalid, unsubscribe_read, unsubscribe_token
from tests.factories.follows import FollowFactory, SavedSearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


def test_the_one_click_post_stops_the_emails_of_that_frequency_only(client, member, territory):
    daily = FollowFactory(user=member, kind="territory", key=territory.slug)
    weekly = FollowFactory(user=member, kind="axis", key="aller-vers", frequency="weekly")
    alert = SavedSearchFactory(user=member)
    url = f"/desabonnement/{unsubscribe_token(user=member, frequency='daily')}/"
    page = client.get(url)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    assert Follow.objects.get(pk=daily.pk).frequency == Frequency.DAILY  # a GET changes nothing
    # What a mail client sends: no cookie, no CSRF token, the RFC 8058 body.
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "Vous ne recevrez plus de courriel « quotidienne »" in response.content.decode()
    assert Follow.objects.get(pk=daily.pk).frequency == Frequency.NONE
    assert SavedSearch.objects.get(pk=alert.pk).frequency == Frequency.NONE
    assert Follow.objects.get(pk=weekly.pk).frequency == Frequency.WEEKLY


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_gets_a_french_page_and_changes_nothing(client, member, method):
    follow = FollowFactory(user=member)
    token = unsubscribe_token(user=member, frequency="daily")
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in (tampered, "n-importe-quoi", token.replace(":", "", 1)):
        response = getattr(client, method)(f"/desabonnement/{bad}/")
        assert response.status_code == 400
        assert "n'est pas valable" in response.content.decode().replace("&#x27;", "'")
    assert Follow.objects.get(pk=follow.pk).frequency == Frequency.DAILY


def test_an_expired_link_says_so(client, member, settings, monkeypatch):
    follow = FollowFactory(user=member)
    settings.UNSUBSCRIBE_DAYS = 90
    long_ago = time.time() - 91 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: long_ago)
        token = unsubscribe_token(user=member, frequency="daily")
    response = client.post(f"/desabonnement/{token}/")
    assert response.status_code == 400
    assert "Ce lien de désabonnement a expiré." in response.content.decode()
    assert Follow.objects.get(pk=follow.pk).frequency == Frequency.DAILY


def test_a_link_for_a_deleted_account_is_not_valid(client, member):
    token = unsubscribe_token(user=member, frequency="daily")
    member.delete()
    assert client.post(f"/desabonnement/{token}/").status_code == 400


def test_a_digest_link_is_dated_by_its_period_not_by_the_second_it_is_written(
    member, monkeypatch, settings
):
    """The header and the body of one e-mail are written at different moments: same link."""
    settings.UNSUBSCRIBE_DAYS = 90
    issued = timezone.now() - datetime.timedelta(days=1)
    first = unsubscribe_token(user=member, frequency="daily", issued=issued)
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: time.time() + 5)
        assert unsubscribe_token(user=member, frequency="daily", issued=issued) == first
    assert unsubscribe_read(first) == (member, "daily")
    old = unsubscribe_token(
        user=member, frequency="daily", issued=issued - datetime.timedelta(days=90)
    )
    with pytest.raises(UnsubscribeInvalid) as refused:
        unsubscribe_read(old)
    assert refused.value.expired
