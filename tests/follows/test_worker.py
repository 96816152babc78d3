"""The real queue: `db_worker` processes on a committed copy of the test database, mail sent
through SMTP to a real local server (aiosmtpd), parsed back with the email package. Both
passes: a SQLite file, or a PostgreSQL database made from the test database."""

import os
import signal
from collections import Counter

import pytest

from tests.follows.worker import Site, database_copy, html_of, smtp_server, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def database(tmp_path_factory, django_db_setup, django_db_blocker):
    """A copy of the test database for this module's tests (each writes its own data through
    tests/follows/scenarios.py), taken before any test transaction opens: PostgreSQL copies
    a database outside any."""
    with django_db_blocker.unblock(), database_copy(tmp_path_factory.mktemp("file")) as url:
        yield url


@pytest.fixture
def site(database):
    """The copy, a worker's settings on it, and the SMTP server they send to."""
    with smtp_server() as (mailbox, port):
        site = Site(database, port)
        site.mailbox = mailbox
        yield site


def test_a_killed_worker_leaves_no_digest_lost_or_sent_twice(site):
    members, fiches = 14, 3
    scenario = site.call("prepare_digests", members, fiches)
    site.mailbox.delay = 0.25  # a slow server, so the kill lands mid-batch
    site.call("start_daily", scenario["period_end"])
    with site.worker() as worker:
        site.mailbox.wait_for(5)
        os.killpg(worker.pid, signal.SIGKILL)  # no clean-up, no signal handler
        worker.wait(timeout=20)
    delivered_at_kill = len(site.mailbox.messages)
    assert 5 <= delivered_at_kill < members, "the kill must land in the middle of the batch"
    state = site.call("digest_state")
    assert state["sent"] < members

    site.mailbox.delay = 0
    # The clock takes up what the dead worker left once its lease (2 s here) is over.
    __import__("time").sleep(2.5)
    site.call("resume")
    site.run_worker_until_idle()

    messages = site.mailbox.messages
    recipients = Counter(message["To"] for message in messages)
    assert recipients == Counter({address: 1 for address in scenario["addresses"]})
    for message in messages:
        text, html = text_of(message), html_of(message)
        for title in scenario["titles"]:
            assert text.count(title) == 1 and html.count(title) == 1
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].strip().startswith("<http://")
    assert site.call("digest_state") == {
        "written": members,
        "sent": members,
        "behind": 0,
        "handled": members,
    }


def test_indexing_and_emails_run_on_the_worker(site):
    scenario = site.call("publish_and_register", "inscrite")
    assert site.mailbox.messages == []  # nothing runs before a worker does
    assert scenario["fiche"] not in site.call("found", "Zéphyrine")
    site.run_worker_until_idle()
    (message,) = site.mailbox.messages
    assert message["To"] == scenario["email"]
    assert message["Subject"].strip() == "Inscription confirmée : Plénière de inscrite"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert "BEGIN:VEVENT" in attachment.get_content()
    assert site.call("found", "Zéphyrine") == [scenario["fiche"]]


def test_deleting_an_account_cancels_its_pending_emails(site):
    registered = site.call("publish_and_register", "partante")
    pending = site.call("pending_digest_for", "partante-resume")
    assert site.call("delete_account", "partante") > 0
    assert site.call("delete_account", "partante-resume") > 0
    site.run_worker_until_idle()
    addresses = {message["To"] for message in site.mailbox.messages}
    assert registered["email"] not in addresses and pending["email"] not in addresses
