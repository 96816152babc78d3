"""A new app plugs into the home page, the territory pages and search by registering only."""

import pytest
from django.contrib.auth.models import Group

from kb import searchable, sections, sorting
from kb.facets import Facet
from kb.models import FichePage
from search.documents import all_documents, document_for_key, keys_for_object
from search.facets import facets, kind_labels
from tests.factories.kb import (
    FichePageFactory,
    TerritoryFactory,
    TerritoryIndexPageFactory,
    site_home,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plugged_sections():
    seen = []

    def on_home(*, request, page):
        seen.append(("home", page.pk))
        return {"fiches": []}

    def on_territory(*, request, territory):
        seen.append(("territory", territory.slug))
        return None  # nothing to show: the section stays out

    sections.register(
        sections.HOME, sections.Section("essai", "kb/sections/latest_fiches.html", on_home, 99)
    )
    sections.register(
        sections.TERRITORY,
        sections.Section("essai", "kb/sections/territory_fiches.html", on_territory),
    )
    yield seen
    sections.unregister(sections.HOME, "essai")
    sections.unregister(sections.TERRITORY, "essai")


def test_the_home_and_territory_pages_show_what_an_app_registers(client, plugged_sections):
    TerritoryIndexPageFactory(parent=site_home())
    home = client.get("/")
    assert [section.name for section in home.context["sections"]][-1] == "essai"
    assert plugged_sections[0][0] == "home"
    territory = TerritoryFactory()
    response = client.get(f"/territoires/{territory.slug}/")
    assert response.status_code == 200
    assert ("territory", territory.slug) in plugged_sections
    assert "essai" not in [section.name for section in response.context["sections"]]


def test_the_territories_list_shows_what_an_app_registers_above_it(client, site_tree):
    seen = []

    def on_list(*, request, page):
        seen.append(page.pk)
        return {"fiches": []}

    sections.register(
        sections.TERRITORIES,
        sections.Section("essai", "kb/sections/latest_fiches.html", on_list, 99),
    )
    try:
        response = client.get("/territoires/")
    finally:
        sections.unregister(sections.TERRITORIES, "essai")
    assert response.status_code == 200
    assert [section.name for section in response.context["sections"]][-1] == "essai"
    assert seen == [response.context["page"].pk]


@pytest.fixture
def groups_searchable():
    searchable.register(
        searchable.ObjectSource(
            model=Group,
            kind="groupe",
            kind_label="Groupe",
            objects=Group.objects.all,
            build=lambda group: searchable.SearchDocument(
                kind="groupe", title=group.name, url="/", text=group.name
            ),
        )
    )
    yield
    searchable.unregister(Group)


def test_search_builds_the_documents_of_a_registered_source_and_names_their_keys(
    groups_searchable,
):
    group = Group.objects.get(name="Membre")
    assert keys_for_object(group) == [f"group:{group.pk}"]
    document = document_for_key(f"group:{group.pk}")
    assert (document.kind, document.title, document.key) == (
        "groupe",
        "Membre",
        f"group:{group.pk}",
    )
    assert f"group:{group.pk}" in {d.key for d in all_documents() if d.kind == "groupe"}
    assert kind_labels()["groupe"] == "Groupe"


def test_an_app_adds_facets_to_another_apps_documents(site_tree):
    """kb.searchable.extend: the fiche documents gain a facet they never declared."""
    fiche = FichePageFactory(parent=site_tree.fiches)
    flag = Facet("essai_drapeau", "Drapeau d'essai", lambda: {"oui": "Oui"})
    extension = searchable.FacetExtension(
        model=FichePage, facets=(flag,), values=lambda pks: {pk: {flag.name: ["oui"]} for pk in pks}
    )
    searchable.extend(extension)
    try:
        document = document_for_key(keys_for_object(fiche)[0])
        assert document.facets[flag.name] == ["oui"] and document.facets["axis"]
        assert flag.name in facets()
    finally:
        searchable.unextend(extension)
    assert flag.name not in document_for_key(keys_for_object(fiche)[0]).facets


def test_an_app_adds_an_order_to_the_fiche_list(client, site_tree):
    for title in ("Bus des droits", "Ambassadeurs des droits", "Coffre-fort numérique"):
        FichePageFactory(parent=site_tree.fiches, title=title)
    sorting.register(
        sorting.FICHES,
        sorting.Sort("essai", "Ordre inverse (essai)", lambda fiches: fiches.order_by("-title")),
    )
    try:
        page = client.get("/fiches/?sort=essai")
        titles = [fiche.title for fiche in page.context["page_obj"]]
        assert titles == ["Coffre-fort numérique", "Bus des droits", "Ambassadeurs des droits"]
        assert "Ordre inverse (essai)" in page.content.decode()
    finally:
        sorting.unregister(sorting.FICHES, "essai")
    assert client.get("/fiches/?sort=essai").status_code == 400
