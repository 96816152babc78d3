"""The series is edited once, in the Wagtail admin."""

from datetime import date

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventPage, EventSeriesPage
from tests.events.conftest import paris

pytestmark = pytest.mark.django_db


def series_form(**overrides):
    values = {
        "title": "Mensuelle TZNR",
        "slug": "mensuelle-tznr",
        "kind": "mensuelle",
        "mode": "distanciel",
        "week_of_month": "2",
        "weekday": "3",
        "first_date": "2024-01-01",
        "until": "2026-12-31",
        "start_time": "14:00",
        "end_time": "15:30",
        "place": "",
        "online_url": "",
        "capacity": "",
        "registration_url": "",
        "summary": "Le rendez-vous mensuel.",
        "body": streamfield([]),
        "exceptions": inline_formset([]),
    }
    values.update(overrides)
    return nested_form_data(values)


def test_the_admin_edits_series_and_occurrences(admin_client, mensuelle):
    assert admin_client.get(f"/admin/pages/{mensuelle.pk}/edit/").status_code == 200
    occurrence = EventPage.objects.filter(series=mensuelle).first()
    assert admin_client.get(f"/admin/pages/{occurrence.pk}/edit/").status_code == 200


def test_publishing_a_series_from_the_admin_applies_its_exceptions(admin_client, mensuelle):
    data = series_form(
        exceptions=inline_formset(
            [
                {"original_date": "2025-06-12", "new_date": "", "note": "congés"},
                {"original_date": "2025-07-10", "new_date": "2025-07-03", "note": ""},
            ]
        ),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/{mensuelle.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    occurrences = EventPage.objects.live().filter(series=mensuelle)
    assert not occurrences.filter(occurrence_date=date(2025, 6, 12)).exists()
    july = occurrences.get(occurrence_date=date(2025, 7, 10))
    assert july.start.date() == date(2025, 7, 3)
    saved = EventSeriesPage.objects.get(pk=mensuelle.pk).exceptions
    assert {date(2025, 6, 12), date(2025, 7, 10)} <= set(
        saved.values_list("original_date", flat=True)
    )


def test_the_admin_refuses_an_exception_that_is_not_an_occurrence(admin_client, mensuelle):
    data = series_form(
        exceptions=inline_formset([{"original_date": "2025-06-13", "new_date": "", "note": ""}]),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/{mensuelle.pk}/edit/", data)
    assert response.status_code == 200
    assert "pas une occurrence de la série" in response.content.decode()


def test_an_occurrence_shows_the_series_fields_read_only(admin_client, mensuelle):
    occurrence = EventPage.objects.get(series=mensuelle, occurrence_date=date(2025, 3, 13))
    edit = admin_client.get(f"/admin/pages/{occurrence.pk}/edit/").content.decode()
    assert "Vient de la série « Mensuelle TZNR »" in edit
    data = nested_form_data(
        {
            "title": "Titre changé à la main",
            "slug": occurrence.slug,
            "kind": "mensuelle",
            "mode": "distanciel",
            "start": "2025-03-20 14:00",
            "end": "2025-03-20 15:30",
            "cancelled": "on",
            "summary": "",
            "speakers": "Une intervenante",
            "place": "",
            "online_url": "",
            "capacity": "",
            "registration_url": "",
            "body": streamfield([]),
            "related_fiches": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{occurrence.pk}/edit/", data)
    assert response.status_code == 302
    saved = EventPage.objects.get(pk=occurrence.pk)
    assert saved.start.date() == date(2025, 3, 13)  # moved only through the series
    assert saved.title == occurrence.title
    assert saved.cancelled and saved.speakers == "Une intervenante"  # its own fields


def test_the_admin_links_to_the_registrations_of_an_event(admin_client, mensuelle):
    occurrence = EventPage.objects.get(series=mensuelle, occurrence_date=date(2026, 12, 10))
    edit = admin_client.get(f"/admin/pages/{occurrence.pk}/edit/").content.decode()
    assert f'href="{occurrence.url}inscrits/"' in edit


def test_a_new_end_time_alone_moves_the_occurrence_instead_of_skipping_it(admin_client, mensuelle):
    data = series_form(
        exceptions=inline_formset(
            [{"original_date": "2025-09-11", "new_date": "", "new_end_time": "16:30", "note": ""}]
        ),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/{mensuelle.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    september = EventPage.objects.live().get(series=mensuelle, occurrence_date=date(2025, 9, 11))
    assert (september.start, september.end) == (
        paris(2025, 9, 11, 14, 0),
        paris(2025, 9, 11, 16, 30),
    )


def test_the_admin_refuses_a_moved_time_that_ends_before_it_starts(admin_client, mensuelle):
    data = series_form(
        exceptions=inline_formset(
            [{"original_date": "2025-09-11", "new_start_time": "16:00", "note": ""}]
        ),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/{mensuelle.pk}/edit/", data)
    assert response.status_code == 200
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in response.content.decode()
    assert EventPage.objects.get(series=mensuelle, occurrence_date=date(2025, 9, 11)).start == (
        paris(2025, 9, 11, 14, 0)
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"weekday": "6", "start_time": "02:30", "end_time": "04:00"}, "changements d&#x27;heure"),
        ({"weekday": "6", "start_time": "01:00", "end_time": "03:30"}, "changements d&#x27;heure"),
        ({"until": "9999-12-31"}, "Choisissez une date entre 2000 et 2100."),
        ({"first_date": "1899-01-01"}, "Choisissez une date entre 2000 et 2100."),
    ],
)
def test_the_admin_refuses_series_dates_calendars_cannot_agree_on(
    admin_client, mensuelle, fields, message
):
    data = series_form(**fields, **{"action-publish": "publish"})
    response = admin_client.post(f"/admin/pages/{mensuelle.pk}/edit/", data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_sunday_series_may_end_just_before_the_clock_change_hour(admin_client, mensuelle):
    data = series_form(
        weekday="6", start_time="00:30", end_time="01:59", **{"action-publish": "publish"}
    )
    response = admin_client.post(f"/admin/pages/{mensuelle.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
