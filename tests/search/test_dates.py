"""Every hit has the day people know it by, in Paris: a recording without an event is dated
the day it was published; an event just after midnight is on its Paris day and year."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import dateformat, translation
from django.utils.timezone import localdate

from events.models import EventIndexPage, EventPage
from resources.models import RecordingPage, ResourceIndexPage
from search.engines.base import SearchQuery

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

PARIS = ZoneInfo("Europe/Paris")
WORD = "zigouplandate"


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """Publishes pages (indexed after commit, by both engines) and deletes them afterwards:
    Elasticsearch is not rolled back with the test's transaction."""
    pages = []

    def publish(parent, page):
        with django_capture_on_commit_callbacks(execute=True):
            parent.add_child(instance=page)
            page.save_revision().publish()
        pages.append(page)
        return type(page).objects.get(pk=page.pk)

    yield publish
    with django_capture_on_commit_callbacks(execute=True):
        for page in pages:
            page.delete()


def hit_for(engine, title: str):
    (hit,) = [h for h in engine.search(SearchQuery(text=WORD)).hits if h.title == title]
    return hit


def test_a_recording_without_event_is_dated_the_day_it_was_published(engine, published, client):
    recording = published(
        ResourceIndexPage.objects.get(),
        RecordingPage(
            title=f"Enregistrement {WORD}", slug=f"enregistrement-{WORD}", summary="Sans événement."
        ),
    )
    assert recording.event is None and recording.first_published_at
    day = localdate(recording.first_published_at)
    assert hit_for(engine, recording.title).date == day

    (api_hit,) = client.get("/api/search/", {"q": WORD}).json()["hits"]
    assert api_hit["date"] == day.isoformat()
    with translation.override("fr"):
        shown, long = dateformat.format(day, "j F Y"), dateformat.format(day, "l j F Y")
    assert shown in client.get("/recherche/", {"q": WORD}).content.decode()
    assert f"Mis en ligne le {long}" in client.get(recording.url).content.decode()


def test_an_event_just_after_midnight_has_its_paris_day_and_year(engine, published):
    start = datetime(2025, 1, 1, 0, 30, tzinfo=PARIS)  # 31 December 2024 in UTC
    event = published(
        EventIndexPage.objects.get(),
        EventPage(
            title=f"Réveillon {WORD}",
            slug=f"reveillon-{WORD}",
            kind=EventPage.Kind.ATELIER,
            start=start,
            end=start + timedelta(hours=1),
        ),
    )
    assert hit_for(engine, event.title).date == date(2025, 1, 1)
    in_2025 = engine.search(SearchQuery(text=WORD, filters={"year": ("2025",)}))
    assert [hit.title for hit in in_2025.hits] == [event.title]
