"""Registration in one click, capacity, waiting list, confirmation email with the .ics."""

import icalendar
import pytest
from django.test import Client

from events.ical import event_uid
from events.models import Registration
from events.registrations.services import (
    RegistrationError,
    registration_cancel,
    registration_register,
)
from tests.conftest import make_user
from tests.events.conftest import PARIS, paris, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def member_named(name: str):
    return make_user(name, "Membre", email=f"{name}@example.org", first_name=name.title())


@pytest.fixture
def small_event(make_event):
    return make_event(title="Atelier à 2 places", registration_enabled=True, capacity=2)


def status(event, user) -> str | None:
    registration = Registration.objects.filter(event=event, user=user).first()
    return registration.status if registration else None


def test_a_member_registers_and_cancels_in_one_click(small_event, member, member_client):
    page = member_client.get(small_event.url).content.decode()
    assert "M'inscrire" in page
    response = member_client.post(small_event.url + "inscription/", {"action": "inscrire"})
    assert response.status_code == 302
    assert status(small_event, member) == "confirmed"
    page = member_client.get(small_event.url).content.decode()
    assert "Me désinscrire" in page and "Vous êtes inscrit·e" in page
    member_client.post(small_event.url + "inscription/", {"action": "desinscrire"})
    assert status(small_event, member) == "cancelled"
    assert "M'inscrire" in member_client.get(small_event.url).content.decode()


def test_registering_twice_keeps_one_registration(small_event, member):
    registration_register(event=small_event, user=member)
    registration_register(event=small_event, user=member)
    assert Registration.objects.filter(event=small_event, user=member).count() == 1


def test_the_waiting_list_moves_up_when_someone_cancels(
    small_event, mailoutbox, django_capture_on_commit_callbacks
):
    alice, bruno, chloe, david = (member_named(n) for n in ["alice", "bruno", "chloe", "david"])
    with django_capture_on_commit_callbacks(execute=True):
        for user in (alice, bruno, chloe, david):
            registration_register(event=small_event, user=user)
    assert [status(small_event, u) for u in (alice, bruno, chloe, david)] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(event=small_event, user=bruno)
    assert status(small_event, chloe) == "confirmed"  # first in line
    assert status(small_event, david) == "waiting"
    assert [mail.to for mail in mailoutbox] == [["chloe@example.org"]]
    assert "place s'est libérée" in mailoutbox[0].body
    # a waiting member who leaves frees nothing
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(event=small_event, user=david)
    assert Registration.objects.filter(event=small_event, status="confirmed").count() == 2


def test_a_larger_capacity_moves_the_waiting_list_up(small_event):
    users = [member_named(n) for n in ["emma", "farid", "gina"]]
    for user in users:
        registration_register(event=small_event, user=user)
    assert status(small_event, users[2]) == "waiting"
    small_event.capacity = 3
    publish(small_event)
    assert status(small_event, users[2]) == "confirmed"


def test_the_confirmation_email_carries_the_event_ics(
    small_event, mailoutbox, django_capture_on_commit_callbacks
):
    helene = member_named("helene")
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(event=small_event, user=helene)
    (mail,) = mailoutbox
    assert mail.to == ["helene@example.org"]
    assert small_event.title in mail.subject
    assert "Votre inscription est confirmée" in mail.body
    ((filename, content, mimetype),) = mail.attachments
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == event_uid(small_event)
    assert event.decoded("DTSTART") == small_event.start


def test_a_waiting_member_gets_a_notice_without_attachment(
    small_event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ["ines", "jules", "karim"]:
            registration_register(event=small_event, user=member_named(name))
    waiting_mail = mailoutbox[-1]
    assert waiting_mail.to == ["karim@example.org"]
    assert "liste d'attente" in waiting_mail.body
    assert waiting_mail.attachments == []


def test_registration_is_refused_when_closed(make_event, member):
    past = make_event(registration_enabled=True, start=None)
    past.start = past.start.replace(year=past.start.year - 2)
    past.end = past.start.replace(hour=past.start.hour + 1)
    past = publish(past)
    cancelled = make_event(registration_enabled=True, cancelled=True)
    without = make_event(registration_enabled=False)
    for event, message in [
        (past, "closes"),
        (cancelled, "annulé"),
        (without, "n'ouvre pas"),
    ]:
        with pytest.raises(RegistrationError, match=message):
            registration_register(event=event, user=member)
    assert not Registration.objects.filter(user=member).exists()


def test_only_members_register(small_event, client, outsider):
    response = client.post(small_event.url + "inscription/", {"action": "inscrire"})
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    outsider_client = Client()
    outsider_client.force_login(outsider)
    response = outsider_client.post(small_event.url + "inscription/", {"action": "inscrire"})
    assert response.status_code == 403
    assert not Registration.objects.filter(event=small_event).exists()


def test_bad_registration_requests_are_refused_cleanly(small_event, member_client):
    assert member_client.get(small_event.url + "inscription/").status_code == 405
    response = member_client.post(small_event.url + "inscription/", {"action": "pirater"})
    assert response.status_code == 400
    assert "demande d&#x27;inscription n&#x27;est pas valide" in response.content.decode()


def test_registrants_are_told_when_the_event_is_cancelled(
    small_event, mailoutbox, django_capture_on_commit_callbacks
):
    for name in ["lucie", "marc", "nadia"]:
        registration_register(event=small_event, user=member_named(name))
    small_event.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        publish(small_event)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "lucie@example.org",
        "marc@example.org",
        "nadia@example.org",
    ]
    mail = mailoutbox[0]
    assert mail.subject.startswith("Événement annulé")
    (event,) = icalendar.Calendar.from_ical(mail.attachments[0][1]).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == event_uid(small_event)
    assert int(event["SEQUENCE"]) == 1


def test_registrants_are_told_when_the_event_moves_and_not_otherwise(
    small_event, mailoutbox, django_capture_on_commit_callbacks
):
    registration_register(event=small_event, user=member_named("olga"))
    small_event.summary = "Programme précisé."
    with django_capture_on_commit_callbacks(execute=True):
        small_event = publish(small_event)
    assert mailoutbox == []
    day = small_event.start.astimezone(PARIS).date()
    small_event.start = paris(day.year, day.month, day.day, 8, 0)
    small_event.end = paris(day.year, day.month, day.day, 10, 0)
    with django_capture_on_commit_callbacks(execute=True):
        publish(small_event)
    (mail,) = mailoutbox
    assert mail.subject.startswith("Nouvel horaire")
    assert "8 h – 10 h" in mail.body
