"""Digests computed and sent in-process (immediate tasks): what each member gets, once."""

import datetime
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from follows import tasks
from follows.digests import due_period_end, french_date
from follows.models import Digest, DigestEmail, DigestRun, Frequency
from kb import searchable
from kb.models import FichePage
from kb.selectors import page_urls
from tests.conftest import make_user
from tests.factories.follows import FollowFactory, SavedSearchFactory
from tests.factories.kb import AxisFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

NOW = timezone.now()
DAY_AGO = NOW - datetime.timedelta(days=1)


def run_daily(capture, period_end=None):
    with capture(execute=True):
        return tasks.start_run(Frequency.DAILY, period_end or NOW)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value for name, value in attrs if name == "href"]


def test_a_member_gets_each_new_item_once_in_one_digest(
    member, axis, territory, make_fiche, django_capture_on_commit_callbacks
):
    member.email = "membre@example.org"
    member.save()
    FollowFactory(user=member, kind="axis", key=axis.slug, since=DAY_AGO - datetime.timedelta(1))
    FollowFactory(user=member, kind="territory", key=territory.slug, since=DAY_AGO)
    both = make_fiche(title="Caravane des droits", at=NOW - datetime.timedelta(hours=2))
    make_fiche(title="Trop ancienne", at=NOW - datetime.timedelta(days=3))
    make_fiche(title="Trop récente", at=NOW + datetime.timedelta(minutes=5))

    run_daily(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["membre@example.org"]
    assert message.body.count("Caravane des droits") == 1
    assert "Trop ancienne" not in message.body and "Trop récente" not in message.body
    email = DigestEmail.objects.get(user=member)
    assert email.item_keys == [f"fiche:{both.pk}"] and email.sent_at is not None
    assert "l'axe Axe suivi" in message.body and "le territoire Territoire suivi" in message.body

    # The same period again, or the clock's next tick: nothing more is sent.
    run_daily(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.tick(NOW)
    assert len(mail.outbox) == 1


def test_an_empty_digest_is_not_sent_but_the_period_is_done(
    member, axis, django_capture_on_commit_callbacks
):
    member.email = "membre@example.org"
    member.save()
    FollowFactory(user=member, kind="axis", key=axis.slug, since=DAY_AGO)
    run_daily(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Digest.objects.get(user=member, frequency=Frequency.DAILY).sent_until == NOW
    assert DigestRun.objects.get(frequency=Frequency.DAILY).finished_at is not None


def test_members_only_content_reaches_members_only(
    member, axis, make_fiche, django_capture_on_commit_callbacks
):
    outsider = make_user("externe", email="externe@example.org")  # signed in, no group
    member.email = "membre@example.org"
    member.save()
    for user in (member, outsider):
        FollowFactory(user=user, kind="axis", key=axis.slug, since=DAY_AGO)
    make_fiche(title="Réservée aux membres", members_only=True)
    make_fiche(title="Pour tout le monde")

    run_daily(django_capture_on_commit_callbacks)

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Réservée aux membres" in bodies["membre@example.org"]
    assert "Réservée aux membres" not in bodies["externe@example.org"]
    assert "Pour tout le monde" in bodies["externe@example.org"]


def test_a_saved_search_alerts_on_new_matching_content_as_the_member_may_see_it(
    member, axis, make_fiche, django_capture_on_commit_callbacks
):
    outsider = make_user("externe", email="externe@example.org")
    member.email = "membre@example.org"
    member.save()
    for user in (member, outsider):
        SavedSearchFactory(
            user=user,
            name="Caravanes",
            text="caravane",
            filters={"axis": [axis.slug]},
            since=DAY_AGO,
        )
    matching = make_fiche(title="Caravane des droits itinérante")
    private = make_fiche(title="Caravane réservée", members_only=True)
    other_axis = make_fiche(title="Caravane d'un autre axe", axis=AxisFactory())
    unrelated = make_fiche(title="Permanence numérique")
    searchable.index_objects([matching, private, other_axis, unrelated], at_once=True)

    run_daily(django_capture_on_commit_callbacks)

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Caravane des droits itinérante" in bodies["membre@example.org"]
    assert "Caravane réservée" in bodies["membre@example.org"]
    assert "l'alerte « Caravanes »" in bodies["membre@example.org"]
    assert "Caravane réservée" not in bodies["externe@example.org"]
    for body in bodies.values():
        assert "autre axe" not in body and "Permanence numérique" not in body


def test_the_digest_is_html_and_text_in_french_with_links_to_the_site_only(
    member, axis, make_fiche, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://communaute.example.org"
    member.email = "membre@example.org"
    member.save()
    published = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))  # a Monday
    FollowFactory(user=member, kind="axis", key=axis.slug, since=published - datetime.timedelta(1))
    make_fiche(title="Fiche de mars", at=published)

    run_daily(django_capture_on_commit_callbacks, period_end=published + datetime.timedelta(1))

    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "lundi 2 mars 2026" in message.body and "lundi 2 mars 2026" in html
    assert french_date(timezone.make_aware(datetime.datetime(2026, 12, 1, 9))) == (
        "mardi 1er décembre 2026"
    )
    parser = Links()
    parser.feed(html)
    assert parser.hrefs and all(
        href.startswith("https://communaute.example.org/") for href in parser.hrefs
    )
    urls = re.findall(r"https?://\S+", message.body)
    assert urls and all(url.startswith("https://communaute.example.org/") for url in urls)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https://communaute\.example\.org/desabonnement/[^/]+/>",
        message.extra_headers["List-Unsubscribe"],
    )
    unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
    assert unsubscribe in message.body and unsubscribe in html


@pytest.mark.parametrize(
    ("now", "frequency", "expected_paris"),
    [
        # Winter (UTC+1) and summer (UTC+2): 7 h in Paris either way, less the lag.
        ("2026-01-15T05:59:00+00:00", "daily", "2026-01-14T07:00"),
        ("2026-01-15T06:00:00+00:00", "daily", "2026-01-15T07:00"),
        ("2026-07-15T05:00:00+00:00", "daily", "2026-07-15T07:00"),
        ("2026-07-15T04:59:00+00:00", "daily", "2026-07-14T07:00"),
        # Weekly on Mondays: a Sunday night gives the Monday before.
        ("2026-03-01T22:00:00+00:00", "weekly", "2026-02-23T07:00"),
        ("2026-03-02T06:30:00+00:00", "weekly", "2026-03-02T07:00"),
    ],
)
def test_daily_and_weekly_digests_are_due_at_seven_in_paris(
    now, frequency, expected_paris, settings
):
    settings.DIGEST_TIME, settings.DIGEST_WEEKDAY, settings.DIGEST_LAG_SECONDS = "07:00", 1, 60
    end = due_period_end(frequency, datetime.datetime.fromisoformat(now))
    in_paris = (end + datetime.timedelta(seconds=60)).astimezone(ZoneInfo("Europe/Paris"))
    assert in_paris.strftime("%Y-%m-%dT%H:%M") == expected_paris


def test_immediate_followers_hear_of_one_new_fiche_by_its_title(
    member, axis, make_fiche, django_capture_on_commit_callbacks, settings
):
    settings.DIGEST_LAG_SECONDS = 60
    member.email = "membre@example.org"
    member.save()
    FollowFactory(user=member, kind="axis", key=axis.slug, frequency="immediate", since=DAY_AGO)
    make_fiche(title="Bus des droits d’essai", at=timezone.now() - datetime.timedelta(minutes=3))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.tick()
    (message,) = mail.outbox
    assert message.subject == "Nouveau : Bus des droits d’essai — communauté TZNR"


def test_page_urls_are_the_urls_wagtail_gives(make_fiche):
    make_fiche(title="Une adresse")
    fiches = list(FichePage.objects.live()[:20])
    assert page_urls(fiches) == {fiche.pk: fiche.get_url() for fiche in fiches}
