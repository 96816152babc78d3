"""Remontées: raised by members, moved through their states by animators, supported."""

import pytest
from django.core import mail

from exchange.models import Remontee
from tests.exchange.conftest import signed_in, text
from tests.factories.exchange import RemonteeFactory
from tests.factories.kb import TerritoryFactory

pytestmark = pytest.mark.django_db


def test_a_member_raises_a_remontee_and_animators_are_told(
    asker, animator_user, axis, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(asker).post(
            "/remontees/nouvelle/",
            {
                "kind": "besoin",
                "title": "Un modèle de convention",
                "body": "Il nous en faut un.",
                "axis": axis.pk,
                "territory": territory.pk,
            },
        )
    remontee = Remontee.objects.get(title="Un modèle de convention")
    assert response["Location"] == f"/remontees/{remontee.pk}/"
    assert remontee.state == Remontee.State.RECUE and remontee.steps.count() == 1
    told = [m for m in mail.outbox if animator_user.email in m.to]
    assert len(told) == 1 and "Un modèle de convention" in told[0].subject
    assert not [m for m in mail.outbox if asker.email in m.to]


def test_animators_move_a_remontee_through_its_states_and_the_history_shows(
    asker, helper, animator_user, django_capture_on_commit_callbacks
):
    remontee = RemonteeFactory(author=asker)
    url = f"/remontees/{remontee.pk}/etat/"
    # A member cannot change the state.
    assert signed_in(helper).post(url, {"state": "traitee", "note": "Non."}).status_code == 403
    animator = signed_in(animator_user)
    refused = animator.post(url, {"state": "a_l_etude", "note": ""})
    assert refused.status_code == 400
    assert "Écrivez la note" in text(refused)
    notes = {
        "a_l_etude": "Un groupe de travail est réuni.",
        "traitee": "Un *kit* est publié.",
        "integree": "Le modèle entre dans le cadre national.",
    }
    for state, note in notes.items():
        with django_capture_on_commit_callbacks(execute=True):
            animator.post(url, {"state": state, "note": note})
    remontee.refresh_from_db()
    assert remontee.state == "integree"
    assert [step.state for step in remontee.steps.all()] == [
        "recue",
        "a_l_etude",
        "traitee",
        "integree",
    ]
    page = text(signed_in(helper).get(f"/remontees/{remontee.pk}/"))
    history = page[page.index("Historique") :]
    positions = [history.index(label) for label in ("Reçue", "À l'étude", "Traitée", "Intégrée")]
    assert positions == sorted(positions)
    assert "<em>kit</em>" in history
    # The author was told of each change, once each.
    subjects = [m.subject for m in mail.outbox if asker.email in m.to]
    assert len(subjects) == 3 and "Intégrée au cadre national" in subjects[-1]


def test_nous_aussi_counts_members_and_territories(asker, helper, animator_user):
    remontee = RemonteeFactory(author=asker)
    first, second = TerritoryFactory(), TerritoryFactory()
    url = f"/remontees/{remontee.pk}/nous-aussi/"
    refused = signed_in(helper).post(url, {})
    assert refused.status_code == 400 and "Choisissez le territoire." in text(refused)
    signed_in(helper).post(url, {"territory": first.pk})
    signed_in(animator_user).post(url, {"territory": first.pk})
    signed_in(asker).post(url, {"territory": second.pk})
    page = text(signed_in(helper).get(f"/remontees/{remontee.pk}/"))
    assert "3 soutiens, 2 territoires" in page
    signed_in(asker).post(url, {})  # taken back
    assert "2 soutiens, 1 territoire" in text(signed_in(helper).get(f"/remontees/{remontee.pk}/"))


def test_the_list_filters_by_state_kind_axis_and_territory(asker):
    alert = RemonteeFactory(author=asker, kind="alerte", state="a_l_etude")
    need = RemonteeFactory(author=asker)
    browser = signed_in(asker)
    listed = browser.get("/remontees/", {"kind": "alerte", "state": "a_l_etude"})
    assert list(listed.context["page_obj"]) == [alert]
    by_place = browser.get(
        "/remontees/", {"axis": need.axis.slug, "territory": need.territory.slug}
    )
    assert [r.pk for r in by_place.context["page_obj"]] == [need.pk]


def test_only_its_author_edits_or_deletes_a_remontee(asker, helper, axis, territory):
    remontee = RemonteeFactory(author=asker)
    data = {
        "kind": "alerte",
        "title": "Nouveau titre",
        "body": "Texte",
        "axis": axis.pk,
        "territory": territory.pk,
    }
    assert signed_in(helper).post(f"/remontees/{remontee.pk}/modifier/", data).status_code == 403
    assert signed_in(helper).post(f"/remontees/{remontee.pk}/supprimer/").status_code == 403
    signed_in(asker).post(f"/remontees/{remontee.pk}/modifier/", data)
    remontee.refresh_from_db()
    assert remontee.title == "Nouveau titre" and remontee.edited_at is not None
    signed_in(asker).post(f"/remontees/{remontee.pk}/supprimer/")
    remontee.refresh_from_db()
    assert remontee.is_deleted and remontee.body == ""
    assert remontee not in list(signed_in(helper).get("/remontees/").context["page_obj"])
