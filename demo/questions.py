"""Demo questions, answers and remontées (demo/data/questions.json), written from the themes
of the first-year review: financement, échange de données, RH, évaluation, communication.

Idempotent: a question or a remontée is looked up by its title and left alone when found.
Writes go straight to the models (no notification is sent); search is rebuilt by load_demo.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.utils import timezone

from events.models import EventPage, Kind
from exchange.models import Answer, Question, QuestionVote, Remontee, RemonteeStep, RemonteeSupport
from kb import providers
from kb.models import Axis, FichePage, Territory
from resources.models import RecordingPage

DATA = Path(__file__).resolve().parent / "data" / "questions.json"


def usernames() -> list[str]:
    """The demo's authors: demo people, whom load_demo does not count as real accounts."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return [person["username"] for person in data["people"]]


def load() -> int:
    """Create what is missing; the number of objects created."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    created = 0
    people = {}
    member_group = Group.objects.get(name="Membre")
    for person in data["people"]:
        user, new = User.objects.get_or_create(
            username=person["username"],
            defaults={
                "first_name": person["first_name"],
                "last_name": person["last_name"],
                "email": f"{person['username']}@example.org",
            },
        )
        if new:
            user.set_unusable_password()  # authors only: nobody signs in with these
            user.save()
            user.groups.add(member_group)
            created += 1
        people[person["username"]] = (user, Territory.objects.get(name=person["territory"]))
    animator = User.objects.filter(username="animateur").first()
    now = timezone.now()
    past = (
        EventPage.objects.live()
        .filter(kind=Kind.MENSUELLE, cancelled=False, start__lt=now)
        .order_by("-start")
        .first()
    )
    mensuelles = {"next": providers.ask(providers.NEXT_MENSUELLE), "past": past}
    for age, item in enumerate(reversed(data["questions"])):
        if Question.objects.filter(title=item["title"]).exists():
            continue
        created += _question(item, people, mensuelles, animator, now - timedelta(days=3 * age))
    for age, item in enumerate(reversed(data["remontees"])):
        if Remontee.objects.filter(title=item["title"]).exists():
            continue
        created += _remontee(item, people, animator, now - timedelta(days=9 * age + 2))
    return created


def _question(item, people, mensuelles, animator, asked_at) -> int:
    about = FichePage.objects.filter(title=item["about"]).first() if item.get("about") else None
    question = Question.objects.create(
        author=people[item["author"]][0],
        title=item["title"],
        body=item["body"],
        axis=Axis.objects.get(slug=item["axis"]),
        about=about,
        mensuelle=mensuelles.get(item.get("mensuelle", "")),
        created_at=asked_at,
        last_activity_at=asked_at,
    )
    question.territories.set(Territory.objects.filter(name__in=item["territories"]))
    answers = []
    for hours, answer in enumerate(item["answers"], start=1):
        answers.append(
            Answer.objects.create(
                question=question,
                author=people[answer["author"]][0],
                body=answer["body"],
                created_at=asked_at + timedelta(hours=5 * hours),
            )
        )
    if answers:
        question.last_activity_at = answers[-1].created_at
    if item.get("retained") is not None:
        question.retained_answer = answers[item["retained"]]
        question.retained_at = question.last_activity_at
        question.retained_by = question.author
    if item.get("treated") and question.mensuelle is not None:
        question.mensuelle_treated_at = question.mensuelle.end
        question.mensuelle_treated_by = animator
        recording = item.get("recording")
        if recording:
            question.recording = RecordingPage.objects.filter(title=recording["title"]).first()
            question.recording_time = recording["time"] if question.recording else None
    question.save()
    for username in item.get("votes", []):
        QuestionVote.objects.create(question=question, user=people[username][0])
    return 1 + len(answers)


def _remontee(item, people, animator, raised_at) -> int:
    remontee = Remontee.objects.create(
        author=people[item["author"]][0],
        kind=item["kind"],
        title=item["title"],
        body=item["body"],
        axis=Axis.objects.get(slug=item["axis"]),
        territory=Territory.objects.get(name=item["territory"]),
        created_at=raised_at,
        last_activity_at=raised_at,
    )
    RemonteeStep.objects.create(
        remontee=remontee, state=Remontee.State.RECUE, author=remontee.author, created_at=raised_at
    )
    for days, (state, note) in enumerate(item["steps"], start=1):
        step = RemonteeStep.objects.create(
            remontee=remontee,
            state=state,
            note=note,
            author=animator,
            created_at=raised_at + timedelta(days=days),
        )
        remontee.state, remontee.last_activity_at = state, step.created_at
    remontee.save()
    for username in item["supports"]:
        user, territory = people[username]
        RemonteeSupport.objects.create(remontee=remontee, user=user, territory=territory)
    return 1 + len(item["steps"])
