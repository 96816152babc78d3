"""The directory: filters, counts, visible fields only, vCard, audited CSV export."""

import csv
import datetime
import html as html_module
import io
import re

import pytest
from django.utils import timezone

from directory.models import Coordinator, DirectoryExport, months_before
from kb.models import Axis, Public, Territory
from search.text import fold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def entry(db):
    territory = Territory.objects.get(slug="grenoble")
    coordinator = Coordinator.objects.create(
        territory=territory,
        name="Camille Testeuse",
        role="Chargée de mission accès aux droits",
        organisation="CCAS de Grenoble",
        email="camille.testeuse@example.org",
        phone="04 00 00 00 00",
        show_phone=False,
        show_email=True,
    )
    coordinator.axes.add(Axis.objects.get(slug="aller-vers"))
    coordinator.publics.add(Public.objects.get(slug="jeunes"))
    return coordinator


def test_the_filter_form_is_a_get_form_with_a_territory_select(member_client):
    html = member_client.get("/annuaire/").content.decode()
    assert 'method="get"' in html
    assert 'name="territory"' in html
    for name in ("region", "axis", "public", "role", "q"):
        assert f'name="{name}"' in html


def test_directory_filters_by_axis_public_role_and_name(member_client, entry):
    def total(**query):
        response = member_client.get("/annuaire/", query)
        assert response.status_code == 200
        return response.context["total"]

    demo = Coordinator.objects.exclude(pk=entry.pk)
    assert total(axe="aller-vers") == demo.filter(axes__slug="aller-vers").count() + 1
    assert total(public="jeunes") == demo.filter(publics__slug="jeunes").count() + 1
    assert total(fonction="Chargée de mission accès aux droits") == 1
    assert total(q="testeuse") == 1
    assert total(q="CCAS de Grenoble") == 1
    assert total(territoire="grenoble") == 2
    assert total(territoire="grenoble", axe="numerique") == 0
    assert total(q="testeuse", axe="aller-vers", public="jeunes") == 1


def test_directory_counts_contacts_and_territories(member_client):
    response = member_client.get("/annuaire/", {"region": "Bretagne"})
    assert response.context["total"] == 3
    assert response.context["territory_count"] == 3
    assert "3 contacts dans 3 territoires" in response.content.decode()


def test_a_card_shows_only_the_fields_the_person_agreed_to_show(member_client, entry):
    html = member_client.get("/annuaire/", {"territoire": "grenoble"}).content.decode()
    assert "camille.testeuse@example.org" in html
    assert "04 00 00 00 00" not in html
    entry.show_email = False
    entry.show_organisation = False
    entry.show_expertise = False
    entry.save()
    html = member_client.get("/annuaire/", {"territoire": "grenoble"}).content.decode()
    assert "camille.testeuse@example.org" not in html
    assert "CCAS de Grenoble" not in html
    # A hidden field cannot be found through the filters either.
    assert member_client.get("/annuaire/", {"q": "CCAS de Grenoble"}).context["total"] == 0
    hidden = {"q": "testeuse", "axe": "aller-vers"}
    assert member_client.get("/annuaire/", hidden).context["total"] == 0


def test_an_empty_result_says_so_and_offers_to_remove_each_filter(member_client):
    """/annuaire/?axe=… used to answer a blank page: no count, no message."""
    query = {"territoire": "grenoble", "axe": "communication", "q": "coordination"}
    assert not Coordinator.objects.filter(territory__slug="grenoble", axes__slug="communication")
    response = member_client.get("/annuaire/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucun contact ne correspond" in html
    assert "0 contact pour ces filtres" in html
    widenings = {w["label"]: w for w in response.context["widenings"]}
    assert set(widenings) == {
        "Territoire : Grenoble",
        "Axe d'expertise : Communication",
        "Nom ou structure : coordination",
    }
    for widening in widenings.values():
        assert f'href="{widening["url"].replace("&", "&amp;")}"' in html
        wider = member_client.get("/annuaire/" + widening["url"].removeprefix("/annuaire/"))
        assert wider.context["total"] == widening["count"]
    assert widenings["Territoire : Grenoble"]["count"] == (
        Coordinator.objects.filter(axes__slug="communication").count()
    )
    assert widenings["Axe d'expertise : Communication"]["count"] == 1


def test_cards_come_by_region_then_territory_in_alphabetical_order(member_client, entry):
    """Territories came in the review's numbering, one heading and one narrow card each."""
    Coordinator.objects.create(territory=Territory.objects.get(slug="paris"), name="Zoé Test")
    seen = []
    for number in (1, 2):
        response = member_client.get("/annuaire/", {"page": number})
        html = response.content.decode()
        regions = re.findall(r'<h2 class="fr-h4 fr-mt-4w">([^<]+)</h2>', html)
        assert regions == sorted(regions, key=fold)
        seen += [
            (c.territory.region, c.territory.name, c.name) for c in response.context["page_obj"]
        ]
    assert len(seen) == Coordinator.objects.count()
    assert seen == sorted(seen, key=lambda key: tuple(map(fold, key)))
    assert ("Île-de-France", "Paris", "Zoé Test") in seen
    regions = [region for region, _, _ in seen]
    assert regions.index("Île-de-France") < regions.index("Martinique")


def test_the_territory_filter_lists_territories_alphabetically(member_client):
    html = member_client.get("/annuaire/").content.decode()
    select = re.search(r'<select[^>]* name="territory".*?</select>', html, re.S).group()
    names = [html_module.unescape(name) for name in re.findall(r"<option[^>]*>([^<]+)<", select)]
    names = names[1:]  # « Tous les territoires »
    assert len(names) == Territory.objects.count()
    assert names == sorted(names, key=fold)


def test_each_card_links_to_its_vcard(member_client, entry):
    html = member_client.get("/annuaire/", {"territoire": "grenoble"}).content.decode()
    assert "Télécharger la vCard" in html
    response = member_client.get(f"/annuaire/{entry.pk}/vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment")
    card = response.content.decode()
    assert "BEGIN:VCARD" in card
    assert "FN:Camille Testeuse" in card
    assert "camille.testeuse@example.org" in card
    assert "04 00 00 00 00" not in card


def test_vcard_is_for_members_only(client, entry, outsider):
    assert client.get(f"/annuaire/{entry.pk}/vcard/").status_code == 302
    client.force_login(outsider)
    assert client.get(f"/annuaire/{entry.pk}/vcard/").status_code == 403


def test_an_entry_unconfirmed_for_15_months_is_hidden_and_flagged(
    member_client, animator_client, entry
):
    entry.last_confirmed = months_before(timezone.localdate(), 15) - datetime.timedelta(days=1)
    entry.save()
    assert member_client.get("/annuaire/", {"q": "testeuse"}).context["total"] == 0
    assert member_client.get(f"/annuaire/{entry.pk}/vcard/").status_code == 404
    response = animator_client.get("/annuaire/")
    assert response.context["to_confirm_count"] >= 1
    assert "non confirmée" in response.content.decode()


def test_an_entry_unconfirmed_for_13_months_is_flagged_but_still_shown(member_client, entry):
    entry.last_confirmed = months_before(timezone.localdate(), 13)
    entry.save()
    assert entry.needs_confirmation and not entry.is_hidden
    assert member_client.get("/annuaire/", {"q": "testeuse"}).context["total"] == 1


def test_a_member_cannot_export_the_directory(member_client):
    assert member_client.get("/annuaire/export.csv").status_code == 403
    assert not DirectoryExport.objects.exists()


def test_an_animator_exports_the_filtered_list_and_the_export_is_logged(
    animator_client, animator_group_user, entry
):
    response = animator_client.get("/annuaire/export.csv", {"territoire": "grenoble"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nom"
    assert len(rows) == 3
    exported = {row[0]: row for row in rows[1:]}
    assert exported["Camille Testeuse"][5] == "camille.testeuse@example.org"
    assert exported["Camille Testeuse"][6] == ""  # phone not shown by its owner
    log = DirectoryExport.objects.get()
    assert log.user == animator_group_user
    assert log.filters == {"territory": "grenoble"}
    assert log.row_count == 2
    assert (timezone.now() - log.created_at).total_seconds() < 60


def test_the_audit_log_is_purged_after_12_months(animator_group_user):
    from django.core.management import call_command

    old = DirectoryExport.objects.create(
        user=animator_group_user, username="a", filters={}, row_count=1
    )
    DirectoryExport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=366)
    )
    recent = DirectoryExport.objects.create(
        user=animator_group_user, username="a", filters={}, row_count=2
    )
    call_command("rgpd_maintenance", verbosity=0)
    assert list(DirectoryExport.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_new_export_also_purges_entries_older_than_12_months(animator_client):
    old = DirectoryExport.objects.create(user=None, username="a", filters={}, row_count=1)
    DirectoryExport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=366)
    )
    animator_client.get("/annuaire/export.csv")
    assert not DirectoryExport.objects.filter(pk=old.pk).exists()
    assert DirectoryExport.objects.count() == 1


def test_a_malicious_value_cannot_become_a_spreadsheet_formula(animator_client, entry):
    entry.organisation = '=HYPERLINK("http://evil")'
    entry.save()
    content = animator_client.get("/annuaire/export.csv", {"q": "testeuse"}).content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][4] == '\'=HYPERLINK("http://evil")'


def test_the_directory_reads_the_same_number_of_queries_for_one_card_or_a_page_of_them(
    member_client, entry
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            response = member_client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    queries("/annuaire/")  # per-process lookups (site, menus) are read once, then kept
    one, single = queries("/annuaire/?q=Testeuse")
    many, html = queries("/annuaire/")
    assert single.count("Télécharger la vCard") == 1
    assert Coordinator.objects.count() > 10
    assert many == one
    assert 'href="/territoires/grenoble/"' in html


def test_the_old_french_parameter_names_give_the_same_list(member_client, entry):
    """`axis`, `territory`, `role` are the names every page and the API use; the French names
    the directory used before (bookmarks, shared links) keep working."""

    def total(query):
        response = member_client.get("/annuaire/", query)
        assert response.status_code == 200
        return response.context["total"]

    pairs = [
        ({"axe": "aller-vers"}, {"axis": "aller-vers"}),
        ({"territoire": "grenoble"}, {"territory": "grenoble"}),
        (
            {"fonction": "Chargée de mission accès aux droits"},
            {"role": "Chargée de mission accès aux droits"},
        ),
    ]
    for old, new in pairs:
        assert total(old) == total(new) > 0
    assert total({"territoire": "grenoble", "axe": "numerique"}) == 0
