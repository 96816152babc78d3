import factory
import wagtail_factories

from resources.models import RecordingPage, ResourceIndexPage, ResourcePage
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


class RecordingPageFactory(wagtail_factories.PageFactory):
    """A recording without event, with a two-cue transcript."""

    title = factory.Sequence(lambda n: f"Enregistrement d'essai {n}")
    summary = "Le webinaire de la communauté."
    transcript = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBonjour.\n\n"
        "00:12:34.000 --> 00:12:38.000\nLes bailleurs sociaux.\n"
    )

    class Meta:
        model = RecordingPage
