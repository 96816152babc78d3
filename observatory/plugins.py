"""What the observatory adds to the home page, the territories' list, each territory's page
(kb.sections) and to the open data (kb.datasets): the fiches and the territories."""

from django.urls import reverse

from kb import datasets, providers, sections
from kb.figures import Scope
from observatory.charts import bar_chart
from observatory.datasets import FICHES, TERRITORIES
from observatory.figures import territory_figures
from observatory.map import territory_map
from observatory.selectors import counts_for
from observatory.views import figure_blocks


def live_figures(*, request, page) -> dict:
    """The home page's live counts, beside the key figures of the 2024 review."""
    counts = counts_for(Scope())
    return {
        "fiches": counts.fiches,
        "done": counts.by_status["terminee"],
        "territories": sum(1 for pk in counts.territories if counts.territory_total(pk)),
        "territory_count": len(counts.territories),
        "publics": sum(1 for number in counts.by_public.values() if number),
        "observatory_url": reverse("observatory"),
    }


def territories_map(*, request, page) -> dict:
    return {"map": territory_map(Scope(), request), "observatory_url": reverse("observatory")}


def territory_page_figures(*, request, territory) -> dict:
    slug = territory.slug
    return {
        "territory": territory,
        "blocks": figure_blocks(
            territory_figures(territory),
            Scope(territory=slug),
            lambda figure: reverse("observatory-territory-csv", args=[slug, figure.key]),
        ),
        "observatory_url": reverse("observatory"),
    }


def register() -> None:
    sections.register(
        sections.HOME,
        sections.Section("live-figures", "observatory/sections/home.html", live_figures, 5),
    )
    sections.register(
        sections.TERRITORIES,
        sections.Section("map", "observatory/sections/territories.html", territories_map, 10),
    )
    sections.register(
        sections.TERRITORY,
        sections.Section(
            "figures", "observatory/sections/territory.html", territory_page_figures, 15
        ),
    )
    datasets.register(FICHES)
    datasets.register(TERRITORIES)
    providers.register(providers.BAR_CHART, bar_chart)
