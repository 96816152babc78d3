import factory
import wagtail_factories

from resources.models import ResourceIndexPage, ResourcePage
from tests.factories.kb import AxisFactory


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ressources d'essai {n}")

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ressource d'essai {n}")
    kind = ResourcePage.Kind.GUIDE
    summary = "Un livrable de la communauté."
    axis = factory.SubFactory(AxisFactory)
    year = 2024

    class Meta:
        model = ResourcePage
