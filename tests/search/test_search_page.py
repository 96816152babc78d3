"""The search page's wording and controls: what it says when nothing matched, how OR reads."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def page(client, **query) -> str:
    response = client.get("/recherche/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_nothing_matched_says_aucun_resultat_without_sort_or_apply(client):
    """« 0 résultats », a sort line and an « Appliquer » button used to come with no result."""
    content = page(client, q="zzqxwv")
    assert "Aucun résultat pour « zzqxwv »" in content
    assert not re.search(r"\b0</strong> résultat", content)
    assert "Trier par" not in content
    assert "Appliquer les filtres" not in content
    assert 'id="facettes"' not in content


def test_nothing_matched_under_filters_offers_to_remove_them_not_to_apply(client):
    content = page(client, q="caravane", region="Corse")
    assert "Aucun résultat" in content
    assert "retirer « Région : Corse »" in content
    assert "Appliquer les filtres" not in content and "Trier par" not in content


def test_results_come_with_the_sort_and_the_facets(client):
    content = page(client, q="aller vers")
    assert re.search(r"<strong>\d+</strong> résultats pour « aller vers »", content)
    assert "Trier par" in content and "Appliquer les filtres" in content


def test_values_of_one_facet_read_ou_and_facets_read_et(client):
    content = page(client, q="droits", axis=["aller-vers", "numerique"], kind="fiche")
    filters = content[content.index("tznr-active-filters") : content.index("tznr-results-head")]
    groups = re.findall(r'class="tznr-active-filters__group">(.*?)</ul>', filters, re.DOTALL)
    assert len(groups) == 2
    kinds, axes = groups
    assert "Type de contenu :" in kinds and "Axe de travail :" in axes
    assert 'tznr-active-filters__and">et<' in axes
    assert axes.count('tznr-active-filters__or">ou<') == 1  # between its two values
    assert re.search(r"Aller-vers</a>.*ou</span>.*Numérique", axes, re.DOTALL)
    axis_fieldset = content[content.index('id="facette-axis"') :]
    axis_fieldset = axis_fieldset[: axis_fieldset.index("</legend>")]
    assert "l'un <strong>ou</strong> l'autre" in axis_fieldset
    region = content[content.index('id="facette-region"') :]
    assert "l'un <strong>ou</strong>" not in region[: region.index("</legend>")]
