import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from directory.models import Coordinator
from events.models import EventPage
from kb.models import Axis, FichePage, Public, Territory
from resources.models import RecordingPage, ResourcePage
from resources.uploads import check_upload
from tests.icaljs import read_vcards
from tests.resources.conftest import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_demo_has_the_39_territories_with_their_region_and_porteur_type():
    assert Territory.objects.count() == 39
    grenoble = Territory.objects.get(numero=19)
    assert (grenoble.departement, grenoble.region) == ("Isère", "Auvergne-Rhône-Alpes")
    assert grenoble.porteur_type == Territory.PorteurType.COMMUNE
    assert Territory.objects.get(numero=36).porteur_type == Territory.PorteurType.METROPOLE
    assert not Territory.objects.filter(region="").exists()


def test_demo_has_the_vocabularies():
    assert Axis.objects.count() == 9
    assert Public.objects.count() == 14


def test_demo_has_at_least_40_fiches_covering_every_axis():
    fiches = FichePage.objects.live()
    assert fiches.count() >= 40
    assert set(fiches.values_list("axis__slug", flat=True)) == set(
        Axis.objects.values_list("slug", flat=True)
    )
    assert not fiches.filter(territories=None).exists()
    caravane = fiches.filter(title__icontains="caravane").first()
    assert caravane is not None
    assert {t.name for t in caravane.territories.all()} >= {"Grenoble"}


def test_demo_has_the_plenieres_webinaires_and_mensuelles():
    events = EventPage.objects.live()
    assert events.count() >= 20
    assert events.filter(kind="pleniere").count() == 4
    assert events.filter(kind="webinaire").count() == 8
    first_mensuelle = events.filter(kind="mensuelle").order_by("start").first()
    assert (first_mensuelle.start.year, first_mensuelle.start.month) == (2024, 1)


def test_each_webinar_has_a_recording_with_a_transcript():
    webinars = EventPage.objects.filter(kind="webinaire")
    recordings = RecordingPage.objects.live()
    assert recordings.count() == webinars.count()
    assert {r.event_id for r in recordings} == {w.pk for w in webinars}
    assert all(r.transcript.startswith("WEBVTT") for r in recordings)


def test_demo_directory_names_no_real_person():
    assert Coordinator.objects.count() == 39
    assert all(c.email.endswith("@example.org") for c in Coordinator.objects.all())
    assert all(c.name.startswith("Coordination TZNR") for c in Coordinator.objects.all())


def test_demo_has_the_deliverables_including_the_data_exchange_kit():
    assert ResourcePage.objects.live().count() >= 8
    assert ResourcePage.objects.filter(title__icontains="échange de données").exists()


def test_load_demo_twice_changes_nothing(capsys):
    counts = (Page.objects.count(), Revision.objects.count(), Coordinator.objects.count())
    call_command("load_demo")
    assert "0 créés" in capsys.readouterr().out
    assert (Page.objects.count(), Revision.objects.count(), Coordinator.objects.count()) == counts


def test_demo_directory_entries_have_axes_and_publics_so_every_filter_finds_someone(
    member_client,
):
    for axis in Axis.objects.all():
        assert member_client.get("/annuaire/", {"axe": axis.slug}).context["total"] > 0, axis
    for public in Public.objects.all():
        assert member_client.get("/annuaire/", {"public": public.slug}).context["total"] > 0
    assert not Coordinator.objects.filter(axes=None).exists()


def test_every_demo_entry_reads_as_an_organisation(member_client):
    """The demo's entries name roles (« Coordination TZNR — … »): address books file them as
    organisations (tests/directory/test_vcard.py for people and roles alike)."""
    entries = list(Coordinator.objects.all())
    responses = [member_client.get(f"/annuaire/{entry.pk}/vcard/") for entry in entries]
    cards = read_vcards(*(response.content for response in responses))
    for entry, card in zip(entries, cards, strict=True):
        assert not entry.is_person
        properties = {name: prop["values"] for name, (prop,) in card["properties"].items()}
        assert properties["x-abshowas"] == ["COMPANY"], entry.name
        assert properties["n"] == [["", "", "", "", ""]]


def test_the_demo_has_ascii_addresses_only():
    assert all(slug.isascii() for slug in Page.objects.values_list("slug", flat=True))
    assert all(slug.isascii() for slug in Territory.objects.values_list("slug", flat=True))


def test_demo_documents_pass_the_upload_checks(db):
    documents = list(get_document_model().objects.all())
    assert len(documents) >= 20
    for document in documents:
        with document.file.open("rb") as handle:
            check_upload(upload(document.filename, handle.read()))
