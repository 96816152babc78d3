"""Functions the worker tests run on the database copy (tests/follows/worker.py `Site.call`),
in a process of their own with the real queue. They build their own data (the site skeleton of
tests/factories/site.py, named axes and territories: each process's factory sequences start
again at 0) and return JSON."""

import datetime

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from events.models import EventPage
from events.registrations.services import registration_register
from follows import digests, tasks
from follows.models import Digest, DigestEmail, DigestRun, Frequency
from kb.models import Territory
from search import service
from search.engines.base import SearchQuery
from tests.factories.follows import FollowFactory
from tests.factories.kb import AxisFactory, FichePageFactory, TerritoryFactory
from tests.factories.site import site_tree


def _member(username: str, email: str) -> User:
    user = User.objects.create_user(username, email=email, password="motdepasse-test")
    user.groups.add(Group.objects.get(name="Membre"))
    return user


def prepare_digests(members: int, fiches: int) -> dict:
    """Members following one axis since two days; fiches on it published an hour ago."""
    now = timezone.now()
    axis = AxisFactory(name="Axe de la file", slug="axe-de-la-file")
    addresses = []
    for number in range(members):
        user = _member(f"lecteur-{number}", f"lecteur-{number}@example.org")
        FollowFactory(user=user, kind="axis", key=axis.slug, since=now - datetime.timedelta(days=2))
        addresses.append(user.email)
    index = site_tree().fiches
    titles = []
    for number in range(fiches):
        fiche = FichePageFactory(parent=index, axis=axis, title=f"Pratique de la file {number}")
        fiche.first_published_at = fiche.last_published_at = now - datetime.timedelta(hours=1)
        fiche.save()
        titles.append(fiche.title)
    return {"period_end": now.isoformat(), "addresses": addresses, "titles": titles}


def start_daily(period_end: str) -> int:
    run = tasks.start_run(Frequency.DAILY, datetime.datetime.fromisoformat(period_end))
    return run.pk


def resume() -> dict:
    return tasks.resume(timezone.now())


def digest_state() -> dict:
    """Where the readers' digests stand."""
    readers = {"user__username__startswith": "lecteur-"}
    return {
        "written": DigestEmail.objects.filter(**readers).count(),
        "sent": DigestEmail.objects.filter(**readers).exclude(sent_at=None).count(),
        "behind": sum(
            digests.behind(run).filter(**readers).count() for run in DigestRun.objects.all()
        ),
        "handled": Digest.objects.filter(**readers).count(),
    }


def publish_and_register(username: str) -> dict:
    """A member registers to an event (its e-mail is a task) and a fiche is published
    (its indexing is a task): nothing happens until a worker runs them."""
    member = _member(username, f"{username}@example.org")
    site = site_tree()
    calendar = site.events
    start = (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)
    event = EventPage(
        title=f"Plénière de {username}",
        kind=EventPage.Kind.PLENIERE,
        mode=EventPage.Mode.DISTANCIEL,
        start=start,
        end=start + datetime.timedelta(hours=2),
        registration_enabled=True,
    )
    calendar.add_child(instance=event)
    event.save_revision().publish()
    with transaction.atomic():
        registration_register(event=EventPage.objects.get(pk=event.pk), user=member)
    fiche = FichePageFactory(
        parent=site.fiches,
        title=f"Zéphyrine et le bus de {username}",
        axis=AxisFactory(name=f"Axe de {username}"),
        territories=[
            TerritoryFactory(
                name=f"Territoire de {username}", numero=2000 + Territory.objects.count()
            )
        ],
        live=False,
    )
    fiche.save_revision().publish()
    return {"email": member.email, "fiche": fiche.title}


def found(text: str) -> list[str]:
    return [hit.title for hit in service.search(SearchQuery(text=text, members=True)).hits]


def pending_digest_for(username: str) -> dict:
    """A digest written for a member and its sending task queued, not yet run."""
    user = _member(username, f"{username}@example.org")
    now = timezone.now()
    email = DigestEmail.objects.create(
        user=user,
        frequency=Frequency.DAILY,
        period_start=now,
        period_end=now,
        subject="Résumé en attente",
        text="texte",
        html="<p>html</p>",
    )
    tasks.send_digest_emails.enqueue([email.pk])
    return {"email": user.email}


def delete_account(username: str) -> int:
    return User.objects.filter(username=username).delete()[0]
