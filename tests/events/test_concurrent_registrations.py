"""Simultaneous registrations and cancellations against a real multi-process server.

gunicorn (3 workers × 4 threads) serves a copy of the test database (a file on SQLite): 20
members register at the same instant for an event of 5 seats, then 10 of them cancel at the
same instant. Every answer is the usual redirect, nothing is lost, the capacity is never
exceeded and the waiting list stays in order. About 10 s (server start and the copy).
"""

from datetime import timedelta

import pytest

from tests import live_site

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CAPACITY = 5
MEMBERS = 20
CANCELLING = 10


def seed_event_and_members(count: int, capacity: int) -> dict:
    """In the copy (run by live_site.site_call): the event, the members and their sessions."""
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.utils import timezone

    from events.models import EventIndexPage, EventPage

    live_site.create_cache_table()
    start = (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    event = EventPage(
        title="Atelier très demandé",
        kind=EventPage.Kind.ATELIER,
        mode=EventPage.Mode.DISTANCIEL,
        start=start,
        end=start + timedelta(hours=2),
        summary="Cinq places.",
        registration_enabled=True,
        capacity=capacity,
    )
    EventIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    members = Group.objects.get(name="Membre")
    sessions = {}
    for number in range(count):
        user = User.objects.create_user(f"concurrent-{number:02d}", f"c{number}@example.org")
        user.groups.add(members)
        browser = Client()
        browser.force_login(user)
        sessions[user.username] = browser.cookies["sessionid"].value
    return {"url": EventPage.objects.get(pk=event.pk).url, "pk": event.pk, "sessions": sessions}


@pytest.fixture(scope="module")
def site(demo, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), live_site.database_copy(tmp_path_factory.mktemp("db")) as url:
        seeded = live_site.site_call(
            url,
            "tests.events.test_concurrent_registrations:seed_event_and_members",
            MEMBERS,
            CAPACITY,
        )
        with live_site.Gunicorn(url, workers=3, threads=4) as server:
            yield server, url, seeded


def registrations(url: str, event_pk: int) -> dict[str, tuple[str, str]]:
    rows = live_site.query(
        url,
        "SELECT u.username, r.status, r.queued_at FROM events_registration r "  # noqa: S608
        f"JOIN auth_user u ON u.id = r.user_id WHERE r.event_id = {int(event_pk)}",
    )
    return {username: (status, str(queued_at)) for username, status, queued_at in rows}


def toggle(server, seeded, username: str, action: str):
    return live_site.post_form(
        f"{server.url}{seeded['url']}inscription/",
        {"action": action},
        cookies={"sessionid": seeded["sessions"][username]},
    )


def assert_waiting_list_in_order(rows: dict[str, tuple[str, str]]) -> None:
    """Every confirmed member registered before every waiting one (oldest first)."""
    confirmed = [queued for status, queued in rows.values() if status == "confirmed"]
    waiting = [queued for status, queued in rows.values() if status == "waiting"]
    if confirmed and waiting:
        assert max(confirmed) <= min(waiting), rows


def test_simultaneous_registrations_then_cancellations_lose_nothing(site):
    server, url, seeded = site
    usernames = sorted(seeded["sessions"])

    answers = live_site.simultaneously(
        [lambda name=name: toggle(server, seeded, name, "inscrire") for name in usernames]
    )
    statuses = [a[0] if isinstance(a, tuple) else repr(a) for a in answers]
    assert statuses == [302] * MEMBERS, server.output()[-3000:]
    rows = registrations(url, seeded["pk"])
    assert sorted(rows) == usernames  # every registration recorded
    states = [status for status, _ in rows.values()]
    assert states.count("confirmed") == CAPACITY
    assert states.count("waiting") == MEMBERS - CAPACITY
    assert_waiting_list_in_order(rows)

    by_queue = sorted(rows, key=lambda name: rows[name][1])
    leaving = by_queue[:3] + by_queue[-(CANCELLING - 3) :]  # 3 confirmed, 7 waiting
    answers = live_site.simultaneously(
        [lambda name=name: toggle(server, seeded, name, "desinscrire") for name in leaving]
    )
    statuses = [a[0] if isinstance(a, tuple) else repr(a) for a in answers]
    assert statuses == [302] * CANCELLING, server.output()[-3000:]
    rows = registrations(url, seeded["pk"])
    assert {name for name, (status, _) in rows.items() if status == "cancelled"} == set(leaving)
    states = [status for status, _ in rows.values()]
    assert states.count("confirmed") == CAPACITY  # the freed seats went to the waiting list
    assert states.count("waiting") == MEMBERS - CANCELLING - CAPACITY
    assert_waiting_list_in_order(rows)
