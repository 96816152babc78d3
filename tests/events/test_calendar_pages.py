"""The calendar page (lists, month grid, filters) and the event page."""

import html
import re

import pytest
from django.utils import timezone
from django.utils.timezone import localdate

from events.models import EventPage
from kb.models import Territory
from resources.models import RecordingPage
from tests.events.conftest import paris, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_calendar_shows_a_month_grid_with_today_marked(client):
    response = client.get("/evenements/")
    assert response.status_code == 200
    content = response.content.decode()
    assert ">Mois précédent</a>" in content and ">Mois suivant</a>" in content
    today = localdate()
    assert content.count('aria-current="date"') == 1
    cell = re.search(r'<td[^>]*aria-current="date"[^>]*>(.*?)</td>', content, re.S).group(1)
    assert f'<span aria-hidden="true">{today.day}</span>' in cell
    assert "webcal://testserver/evenements/calendrier.ics" in content
    assert "S'abonner à l'agenda</a>" in html.unescape(content)


def test_the_month_grid_navigates_between_months(client):
    content = client.get("/evenements/2024/05/").content.decode()
    assert "Mai 2024" in content
    assert 'href="/evenements/2024/04/">Mois précédent' in content
    assert 'href="/evenements/2024/06/">Mois suivant' in content
    # the moved mensuelle sits on 16 May, none on the 9th
    assert "Mensuelle TZNR — mai 2024" in content
    assert 'aria-current="date"' not in content
    january = client.get("/evenements/2025/01/").content.decode()
    assert 'href="/evenements/2024/12/">Mois précédent' in january


@pytest.mark.parametrize(
    "url",
    [
        "/evenements/2024/13/",
        "/evenements/2024/00/",
        "/evenements/1999/05/",
        "/evenements/2024/ab/",
        "/evenements/99999/01/",
        "/evenements/2024/5/extra/",
        "/evenements/passes/?page=999",
    ],
)
def test_bad_months_and_pages_are_404_never_500(client, url):
    assert client.get(url).status_code == 404


def test_bad_filters_are_a_400_with_a_french_message(client):
    for url in [
        "/evenements/?kind=concert",
        "/evenements/?territory=atlantide",
        "/evenements/passes/?mode=hologramme",
        "/evenements/2024/05/?kind=concert",
        "/evenements/?page=0",
    ]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Un filtre n'est pas valide" in text(response)


def test_filters_by_kind_territory_and_mode(client, make_event):
    grenoble = Territory.objects.get(slug="grenoble")
    atelier = make_event(title="Atelier local", kind="atelier", mode="presentiel")
    atelier.territories = [grenoble]
    atelier = publish(atelier)
    webinar = make_event(title="Webinaire futur", kind="webinaire", mode="distanciel")
    by_kind = client.get("/evenements/", {"kind": "atelier"}).content.decode()
    assert "Atelier local" in by_kind and "Webinaire futur" not in by_kind
    by_territory = client.get("/evenements/", {"territory": "grenoble"}).content.decode()
    assert "Atelier local" in by_territory and "Webinaire futur" not in by_territory
    assert "webcal://testserver/evenements/territoires/grenoble.ics" in by_territory
    assert "webcal://testserver/evenements/calendrier/atelier.ics" in by_kind
    by_mode = client.get("/evenements/", {"mode": "distanciel"}).content.decode()
    assert webinar.title in by_mode and "Atelier local" not in by_mode


def test_past_events_are_listed_newest_first(client):
    response = client.get("/evenements/passes/")
    assert response.status_code == 200
    events = list(response.context["page_obj"])
    assert events == sorted(events, key=lambda e: e.start, reverse=True)
    assert all(event.end < timezone.now() for event in events)
    webinars = client.get("/evenements/passes/", {"kind": "webinaire"}).context["page_obj"]
    assert {event.kind for event in webinars} == {"webinaire"}
    assert webinars.paginator.count == 8


def test_the_event_page_says_when_in_french_with_an_add_to_calendar_link(client):
    webinar = EventPage.objects.get(slug="webinaire-2024-01-25")
    content = client.get(webinar.url).content.decode()
    assert "jeudi 25 janvier 2024, 10 h – 12 h" in content
    link = re.search(r'<a[^>]*href="([^"]+)"[^>]*>Ajouter à mon agenda</a>', content)
    assert link and link.group(1) == "/evenements/webinaire-2024-01-25.ics"
    response = client.get(link.group(1))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_past_event_links_to_its_recording(client):
    webinar = EventPage.objects.get(slug="webinaire-2024-01-25")
    recording = RecordingPage.objects.get(event=webinar)
    content = client.get(webinar.url).content.decode()
    assert f'href="{recording.url}"' in content
    assert "Voir l'enregistrement et les ressources" in html.unescape(content)


def test_an_upcoming_event_shows_no_recording_link(client, make_event):
    event = make_event()
    assert "Revoir l" not in client.get(event.url).content.decode()


def test_a_cancelled_event_says_so_plainly(client, make_event):
    event = make_event(cancelled=True, registration_enabled=True)
    content = client.get(event.url).content.decode()
    assert "Événement annulé" in content
    assert "M'inscrire" not in html.unescape(content)
    calendar = client.get("/evenements/").content.decode()
    assert "Annulé" in calendar


def test_the_event_page_shows_speakers_fiches_and_territories(client, make_event):
    from events.models import EventFiche
    from kb.models import FichePage

    fiche = FichePage.objects.live().public().first()
    event = make_event(speakers="Claire Martin, DGCS\nPaul Durand, CAF")
    event.related_fiches = [EventFiche(fiche=fiche)]
    event.territories = [Territory.objects.get(slug="grenoble")]
    event = publish(event)
    content = client.get(event.url).content.decode()
    assert "Claire Martin, DGCS" in content and "Paul Durand, CAF" in content
    assert f'href="{fiche.url}"' in content
    assert "Grenoble" in content


def test_the_visio_link_is_shown_to_members_only(client, member_client, make_event):
    event = make_event(online_url="https://visio.example.org/plen")
    assert "visio.example.org/plen" not in client.get(event.url).content.decode()
    assert "visio.example.org/plen" in member_client.get(event.url).content.decode()


def test_the_series_page_describes_the_rule_and_its_exceptions(client):
    content = client.get("/evenements/mensuelle-tznr/").content.decode()
    assert "Le 2e jeudi de chaque mois, 14 h – 15 h 30" in content
    assert "Pas de séance le jeudi 8 août 2024" in content
    assert "déplacée au jeudi 16 mai 2024" in content
    assert client.get("/evenements/mensuelle-tznr.ics")["Content-Disposition"].startswith(
        "attachment"
    )


def test_event_times_render_in_paris_time(client, make_event):
    event = make_event(start=paris(2030, 7, 4, 9, 30), end=paris(2030, 7, 4, 17, 0))
    assert "jeudi 4 juillet 2030, 9 h 30 – 17 h" in client.get(event.url).content.decode()


def test_members_only_events_show_to_members_only(client, member_client, make_event):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    event = make_event(title="Réunion réservée aux membres")
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name="Membre"))
    assert event.title not in text(client.get("/evenements/"))
    assert event.title in text(member_client.get("/evenements/"))


def test_a_busy_day_shows_three_events_and_links_to_the_others(client, make_event):
    for hour in range(8, 14):  # six events on 12 March 2025
        make_event(title=f"Atelier de {hour} h", start=paris(2025, 3, 12, hour))
    make_event(title="Seul le lendemain", start=paris(2025, 3, 13, 10))
    content = text(client.get("/evenements/2025/03/"))
    cell = re.search(r"<td[^>]*>(?:(?!</td>).)*mercredi 12 mars 2025.*?</td>", content, re.S)
    cell = cell.group(0)
    assert [f"Atelier de {hour} h" in cell for hour in range(8, 14)] == [True] * 3 + [False] * 3
    more = '<a class="fr-link fr-link--sm" href="#jour-2025-03-12">+ 3 autres'
    assert more in cell and "événements le mercredi 12 mars 2025</span>" in cell
    # the month list has a section per day, with every event of the day
    day = re.search(r'<h3 id="jour-2025-03-12"[^>]*>(.*?)</h3>(.*?)</section>', content, re.S)
    assert day.group(1) == "Mercredi 12 mars 2025"
    assert all(f"Atelier de {hour} h</a></h4>" in day.group(2) for hour in range(8, 14))
    assert "Seul le lendemain" not in day.group(2)
    assert '<h3 id="jour-2025-03-13"' in content and 'id="jour-2025-03-11"' not in content


def test_a_day_with_one_event_too_many_lists_them_all(client, make_event):
    for hour in range(8, 12):  # four events: no « + 1 autre »
        make_event(title=f"Atelier de {hour} h", start=paris(2025, 3, 12, hour))
    content = text(client.get("/evenements/2025/03/"))
    assert "autres" not in content.split("<caption>", 1)[1].split("</table>", 1)[0]
    assert content.count("Atelier de 11 h</a>") == 2  # in the grid and in the month list


def test_the_upcoming_grid_links_a_busy_day_to_its_month(client, make_event):
    today = localdate()
    for hour in range(8, 13):
        make_event(start=paris(today.year, today.month, today.day, hour))
    content = text(client.get("/evenements/?kind=pleniere"))
    url = f"/evenements/{today.year}/{today.month:02d}/?kind=pleniere#jour-{today.isoformat()}"
    assert f'href="{url}">+ 2 autres' in content
    assert client.get(url.split("#")[0]).status_code == 200


def test_a_multi_day_event_shows_on_each_of_its_days(client, make_event):
    make_event(title="Séminaire", start=paris(2025, 3, 30, 9), end=paris(2025, 4, 1, 17))
    content = text(client.get("/evenements/2025/03/"))
    grid = content.split("<caption>", 1)[1].split("</table>", 1)[0]
    assert grid.count("Séminaire</a>") == 3  # 30 and 31 March, 1 April (shown, next month)
    assert '<h3 id="jour-2025-03-31"' in content and 'id="jour-2025-04-01"' not in content


def test_an_event_ending_at_midnight_is_on_its_day_only(client, make_event):
    make_event(title="Veillée", start=paris(2025, 5, 31, 22), end=paris(2025, 6, 1, 0))
    may = text(client.get("/evenements/2025/05/"))
    assert '<h3 id="jour-2025-05-31"' in may
    june = text(client.get("/evenements/2025/06/"))
    first = re.search(r"<td[^>]*>(?:(?!</td>).)*dimanche 1er juin 2025.*?</td>", june, re.S)
    assert "Veillée" not in first.group(0)
    assert 'id="jour-2025-06-01"' not in june


def test_grid_links_are_the_event_urls_wagtail_gives(client, rf):
    """The grid builds event URLs from the calendar's URL; Wagtail's own are the reference
    (May 2024 has one-off events and occurrences of a series, one level deeper)."""
    content = client.get("/evenements/2024/05/").content.decode()
    grid = content.split("<caption>", 1)[1].split("</table>", 1)[0]
    links = dict(re.findall(r'<a href="([^"#]+)">\d+ h(?: \d\d)? ([^<]+)</a>', grid))
    events = EventPage.objects.live().filter(start__year=2024, start__month=5)
    assert {event.series_id is not None for event in events} == {True, False}
    assert {html.unescape(title): url for url, title in links.items()} == {
        event.title: event.get_url(rf.get("/")) for event in events
    }
