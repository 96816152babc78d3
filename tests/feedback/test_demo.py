"""The demo's answers reproduce the 2024 review's rates, on the results page and the home."""

import pytest
from django.urls import reverse

from demo import feedback as demo_feedback
from tests.conftest import make_user
from tests.feedback.conftest import signed_in, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_results_show_the_reviews_rates():
    animator = make_user("animateur-satisfaction", "Animateur")
    page = text(signed_in(animator).get(reverse("feedback-satisfaction-results") + "?year=2024"))
    assert "Réunion plénière : 92 % très utiles ou utiles (25 réponses)" in page
    assert "Webinaire : 100 % très utiles ou utiles (19 réponses)" in page
    assert "Mensuelle : 88 % très utiles ou utiles (50 réponses)" in page
    assert demo_feedback.load() == 0  # idempotent


def test_the_usage_page_has_weeks_of_figures():
    animator = make_user("animateur-usages-demo", "Animateur")
    page = text(signed_in(animator).get(reverse("feedback-usage")))
    assert page.count("Semaine du ") >= 12
    assert "chèque énergie" in page.split('data-table="sans-resultat"')[1].split("</table>")[0]
    assert 'data-table="pages"' in page and 'data-table="videos"' in page
    assert demo_feedback.load_usage() == 0  # idempotent
