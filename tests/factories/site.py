"""The skeleton of the site that most pages live in: a home page (the default site's root)
and the four lists under it, at the addresses the demo gives them."""

from dataclasses import dataclass

from events.models import EventIndexPage
from kb.models import FicheIndexPage, HomePage, TerritoryIndexPage
from resources.models import ResourceIndexPage
from tests.factories.events import EventIndexPageFactory
from tests.factories.kb import FicheIndexPageFactory, TerritoryIndexPageFactory, site_home
from tests.factories.resources import ResourceIndexPageFactory


@dataclass
class SiteTree:
    home: HomePage
    fiches: FicheIndexPage
    territories: TerritoryIndexPage
    events: EventIndexPage
    resources: ResourceIndexPage


def site_tree() -> SiteTree:
    """The home page and its lists (fiches, territoires, agenda, ressources), made once."""
    home = site_home()

    def child(model, factory, **values):
        found = model.objects.child_of(home).first()
        return found if found is not None else factory(parent=home, **values)

    return SiteTree(
        home=home,
        fiches=child(FicheIndexPage, FicheIndexPageFactory, title="Fiches", slug="fiches"),
        territories=child(TerritoryIndexPage, TerritoryIndexPageFactory),
        events=child(EventIndexPage, EventIndexPageFactory, title="Agenda", slug="evenements"),
        resources=child(
            ResourceIndexPage, ResourceIndexPageFactory, title="Ressources", slug="ressources"
        ),
    )
