"""Usage counted without tracking: page views (cached or not), downloads, video plays and
searches per item and per day, no cookie, no lost increment, a purge after 25 months, and the
animators' page that shows them."""

import threading
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from config.settings.base import with_page_cache
from feedback import selectors, services, tasks
from feedback.models import DailyCount, SearchCount, UsefulVote
from kb.models import FichePage
from tests.conftest import make_user
from tests.factories.kb import FichePageFactory
from tests.factories.resources import RecordingPageFactory
from tests.feedback.conftest import signed_in, text

pytestmark = pytest.mark.django_db

PAGE, DOCUMENT, VIDEO = DailyCount.Kind.values


def counted(kind, item) -> int:
    return sum(DailyCount.objects.filter(kind=kind, item=item).values_list("n", flat=True))


@pytest.fixture
def fiche(site_tree):
    return FichePageFactory(parent=site_tree.fiches)


@pytest.fixture
def page_cache(site_tree):
    cache.clear()
    with override_settings(
        MIDDLEWARE=with_page_cache(settings.MIDDLEWARE), CACHE_MIDDLEWARE_SECONDS=60
    ):
        yield
    cache.clear()


def test_views_are_counted_per_page_and_day_cached_pages_too(client, fiche, member, page_cache):
    first = client.get(fiche.url)
    FichePage.objects.filter(pk=fiche.pk).update(title="Changé sans signal")
    again = client.get(fiche.url)
    assert again.content == first.content  # served from the page cache, yet counted
    signed_in(member).get(fiche.url)
    client.get(fiche.url + "nexiste-pas/")  # a 404 is no view
    client.head(fiche.url)  # nor a HEAD
    assert counted(PAGE, fiche.pk) == 3
    row = DailyCount.objects.get(kind=PAGE, item=fiche.pk)
    assert row.day == timezone.localdate()
    assert DailyCount.objects.count() == 1


def test_views_wait_in_memory_and_are_written_together(client, fiche, settings):
    settings.TZNR_USAGE_FLUSH_SECONDS = 10**9
    services.pending.write()  # what an earlier test may have left
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            assert client.get(fiche.url).status_code == 200
    assert not [query for query in captured if "feedback_dailycount" in query["sql"]]
    assert counted(PAGE, fiche.pk) == 0
    assert services.pending.write()
    assert counted(PAGE, fiche.pk) == 3


def test_many_waiting_uses_are_written_in_several_statements(db, settings):
    settings.TZNR_USAGE_FLUSH_SECONDS = 10**9
    services.pending.write()
    for item in range(2 * services.ROWS_PER_STATEMENT + 50):
        services.usage_count(kind=DOCUMENT, item=item)
        services.usage_count(kind=DOCUMENT, item=item)
    with CaptureQueriesContext(connection) as captured:
        assert services.pending.write()
    assert len([query for query in captured if query["sql"].startswith("INSERT")]) == 3
    assert DailyCount.objects.count() == 2 * services.ROWS_PER_STATEMENT + 50
    assert set(DailyCount.objects.values_list("n", flat=True)) == {2}


def test_counting_sets_no_cookie_and_keeps_nothing_about_the_visitor(client, fiche):
    for response in (
        client.get(fiche.url),
        client.get("/recherche/?q=introuvable+zzqxwv"),
    ):
        assert response.status_code == 200
        assert not response.cookies, response.cookies
    assert not client.cookies
    columns = {f.name for f in DailyCount._meta.fields} | {f.name for f in SearchCount._meta.fields}
    assert columns == {"id", "day", "kind", "item", "n", "query", "results"}


def test_a_recordings_captions_are_not_a_view_of_it(client, site_tree):
    recording = RecordingPageFactory(parent=site_tree.resources)
    client.get(recording.url)
    client.get(recording.url + "sous-titres.vtt")
    assert counted(PAGE, recording.pk) == 1


def test_downloads_are_counted_and_a_players_byte_ranges_are_not(client, db):
    document = get_document_model().objects.create(
        title="Guide", file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf")
    )
    assert client.get(document.url).status_code == 200
    client.get(document.url)
    ranged = client.get(document.url, HTTP_RANGE="bytes=0-3")
    assert ranged.status_code == 206
    assert counted(DOCUMENT, document.pk) == 2
    document.file.delete(save=False)


def test_a_video_play_is_counted_by_a_same_origin_beacon(client, site_tree, fiche):
    recording = RecordingPageFactory(parent=site_tree.resources)
    url = reverse("feedback-video-played", args=[recording.pk])
    assert f'data-play-url="{url}"' in text(client.get(recording.url))
    origin = "http://testserver"
    response = client.post(url, HTTP_ORIGIN=origin)
    assert response.status_code == 204
    assert not response.cookies
    client.post(url, HTTP_ORIGIN=origin)
    assert client.post(url).status_code == 403  # no Origin: not our page's script
    assert client.post(url, HTTP_ORIGIN="https://ailleurs.example").status_code == 403
    assert client.get(url).status_code == 405
    other = reverse("feedback-video-played", args=[fiche.pk])
    assert client.post(other, HTTP_ORIGIN=origin).status_code == 404  # not a recording
    assert counted(VIDEO, recording.pk) == 2
    assert counted(VIDEO, fiche.pk) == 0


def test_searches_are_counted_normalised_with_their_results(client, site_tree):
    client.get("/recherche/?q=Aller   VERS+zzqxwv")
    client.get("/recherche/?q=aller+vers+zzqxwv")
    client.get("/recherche/?q=aller+vers+zzqxwv&page=2")  # 404, and a next page is no search
    client.get("/recherche/?q=aller+vers+zzqxwv&kind=fiche")  # a refinement is no new search
    client.get("/recherche/?q=Écrire+à+jean.dupont@example.org")
    client.get("/recherche/?q=rappeler+06+12+34+56+78")
    rows = {(row.query, row.results): row.n for row in SearchCount.objects.all()}
    assert rows == {("aller vers zzqxwv", 0): 2, (services.MASKED, 0): 2}


def test_a_failing_counter_is_logged_and_the_page_still_answers(client, fiche, caplog):
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute("DROP TABLE feedback_dailycount")
        cursor.execute("DROP TABLE feedback_searchcount")
    assert client.get(fiche.url).status_code == 200
    assert client.get("/recherche/?q=aller").status_code == 200
    assert FichePage.objects.filter(pk=fiche.pk).exists()  # the transaction is still usable
    failures = [r for r in caplog.records if r.getMessage().startswith("Usage not counted")]
    assert len(failures) == 2


# -- No increment lost ---------------------------------------------------------------------------

THREADS, EACH = 8, 25
COUNTED_ON = date(2001, 1, 1)


@pytest.fixture
def counting_database(tmp_path):
    """Where the threads count, and how a thread connects to it: the test database on
    PostgreSQL (each thread has its own connection, outside the test's transaction); on
    SQLite, a file database with the site's SQLite settings (the tests' in-memory database
    takes no concurrent writer)."""
    if connection.vendor != "sqlite":
        yield "default", lambda: None
        in_own_connection(lambda: DailyCount.objects.filter(day=COUNTED_ON).delete())
        return
    alias = "usage-file"
    database = {
        **connections.settings["default"],
        "NAME": str(tmp_path / "usage.sqlite3"),
        "OPTIONS": settings.SQLITE_OPTIONS,
    }

    def connect():  # a connection of this thread, under an alias the settings do not name
        connections[alias] = SQLiteWrapper(database, alias)

    connect()
    with connections[alias].schema_editor() as editor:
        editor.create_model(DailyCount)
    yield alias, connect
    connections[alias].close()


def in_own_connection(function):
    """Run `function` in a thread: its own connection, committed at once."""

    def run():
        try:
            function()
        finally:
            connections["default"].close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


def test_concurrent_counts_lose_no_increment(counting_database):
    alias, connect = counting_database
    start = threading.Barrier(THREADS)
    failures = []

    def count():
        connect()
        try:
            start.wait()
            for _ in range(EACH):
                if not services.usage_count(kind=PAGE, item=1, day=COUNTED_ON, using=alias):
                    failures.append("not counted")
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=count) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT n FROM feedback_dailycount WHERE day = %s", [COUNTED_ON])
        assert cursor.fetchall() == [(THREADS * EACH,)]


# -- Kept 25 months ------------------------------------------------------------------------------


def test_the_clock_purges_counts_older_than_25_months(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    today = date(2026, 12, 3)
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    for day in (date(2024, 11, 2), date(2024, 11, 3), date(2026, 12, 1)):
        DailyCount.objects.create(day=day, kind=PAGE, item=1, n=4)
        SearchCount.objects.create(day=day, query="aides", results=0, n=2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_clock", stdout=None)
    assert sorted(DailyCount.objects.values_list("day", flat=True)) == [
        date(2024, 11, 3),
        date(2026, 12, 1),
    ]
    assert sorted(SearchCount.objects.values_list("day", flat=True)) == [
        date(2024, 11, 3),
        date(2026, 12, 1),
    ]
    assert tasks.purge_usage.call() == 0


# -- The animators' page -------------------------------------------------------------------------


def test_the_animators_page_shows_the_figures_of_the_tables(client, site_tree, fiche):
    other = FichePageFactory(parent=site_tree.fiches, title="Fiche moins lue")
    today = timezone.localdate()
    for day, n in ((today, 5), (today - timedelta(days=8), 2)):
        DailyCount.objects.create(day=day, kind=PAGE, item=fiche.pk, n=n)
    DailyCount.objects.create(day=today, kind=PAGE, item=other.pk, n=3)
    DailyCount.objects.create(day=today - timedelta(days=200), kind=PAGE, item=other.pk, n=50)
    SearchCount.objects.create(day=today, query="chèque énergie", results=0, n=4)
    SearchCount.objects.create(day=today, query="mobilité", results=0, n=6)
    SearchCount.objects.create(day=today, query="aller vers", results=12, n=9)
    UsefulVote.objects.create(page=other, user=make_user("votante", "Membre"), useful=True)
    animator = make_user("animatrice-usages", "Animateur")
    response = signed_in(animator).get(reverse("feedback-usage"))
    assert response.status_code == 200
    page = text(response)
    assert "10 pages vues" in page  # 5 + 2 + 3; the count of 200 days ago is out of the period
    assert "19 recherches, dont 10 sans résultat" in page
    viewed = page.split('data-table="pages"')[1].split("</table>")[0]
    assert viewed.index(fiche.title) < viewed.index("Fiche moins lue")
    assert "<td>7</td>" in viewed and "<td>3</td>" in viewed
    empty = page.split('data-table="sans-resultat"')[1].split("</table>")[0]
    assert empty.index("mobilité") < empty.index("chèque énergie")
    assert "aller vers" not in empty
    assert "Fiche moins lue" in page.split('data-table="utiles"')[1]
    year = signed_in(animator).get(
        reverse("feedback-usage"), {"du": (today - timedelta(days=300)).isoformat()}
    )
    assert "60 pages vues" in text(year)


def test_animators_find_the_page_in_the_admin_menu(db):
    admin_home = text(signed_in(make_user("animateur-menu", "Animateur")).get("/admin/"))
    assert reverse("feedback-usage") in admin_home


def test_the_weekly_chart_and_its_csv_agree_with_the_rows(site_tree, fiche):
    monday = date(2026, 11, 2)
    DailyCount.objects.create(day=monday, kind=PAGE, item=fiche.pk, n=100)  # before the period
    DailyCount.objects.create(day=monday + timedelta(days=2), kind=PAGE, item=fiche.pk, n=5)
    DailyCount.objects.create(day=monday + timedelta(days=6), kind=VIDEO, item=fiche.pk, n=2)
    DailyCount.objects.create(day=monday + timedelta(days=7), kind=PAGE, item=fiche.pk, n=1)
    SearchCount.objects.create(day=monday + timedelta(days=8), query="x", results=1, n=3)
    weeks = selectors.usage_by_week(since=monday + timedelta(days=2), until=monday + timedelta(13))
    assert [(w.monday, w.counts) for w in weeks] == [
        (monday, {"page": 5, "document": 0, "video": 2, "searches": 0}),
        (monday + timedelta(7), {"page": 1, "document": 0, "video": 0, "searches": 3}),
    ]
    animator = make_user("animateur-csv", "Animateur")
    csv = signed_in(animator).get(
        reverse("feedback-usage-csv", args=["usages-par-semaine"]),
        {"du": "2026-11-04", "au": "2026-11-15"},
    )
    assert csv.content.decode().splitlines() == [
        "code,libelle,pages_vues,telechargements,lectures_video,recherches",
        "2026-11-02,Semaine du 2 novembre 2026,5,0,2,0",
        "2026-11-09,Semaine du 9 novembre 2026,1,0,0,3",
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"du": "2026-02-30"}, "Saisissez une date valide"),
        ({"du": "demain"}, "Saisissez une date valide"),
        ({"du": "2026-05-01", "au": "2026-04-01"}, "La date de début doit précéder"),
        ({"du": "2020-01-01", "au": "2026-01-01"}, "ne peut dépasser 25 mois"),
        ({"du": "0001-01-01"}, "entre 2000 et 2100"),
        ({"au": "9999-12-31"}, "entre 2000 et 2100"),
    ],
)
def test_a_bad_period_is_a_french_400(db, query, message):
    browser = signed_in(make_user("animateur-periode", "Animateur"))
    response = browser.get(reverse("feedback-usage"), query)
    assert response.status_code == 400
    assert message in text(response)
    csv = browser.get(reverse("feedback-usage-csv", args=["usages-par-semaine"]), query)
    assert csv.status_code == 400
