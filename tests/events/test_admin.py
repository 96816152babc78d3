"""The series is edited once, in the Wagtail admin."""

from datetime import date

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventPage, EventSeriesPage

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
