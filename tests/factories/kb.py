import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site

from kb.models import (
    Axis,
    FicheIndexPage,
    FichePage,
    HomePage,
    Public,
    StandardPage,
    Territory,
    TerritoryIndexPage,
)


class TerritoryFactory(DjangoModelFactory):
    numero = factory.Sequence(lambda n: 1000 + n)
    name = factory.Sequence(lambda n: f"Territoire d'essai {n}")
    slug = factory.LazyAttribute(lambda territory: slugify(territory.name))
    porteur = factory.LazyAttribute(lambda territory: f"Commune de {territory.name}")
    porteur_type = Territory.PorteurType.COMMUNE
    departement = "Isère"
    code_departement = "38"
    region = "Auvergne-Rhône-Alpes"
    cohort = 2023

    class Meta:
        model = Territory


class AxisFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Axe d'essai {n}")
    slug = factory.LazyAttribute(lambda axis: slugify(axis.name))

    class Meta:
        model = Axis


class PublicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Public d'essai {n}")
    slug = factory.LazyAttribute(lambda public: slugify(public.name))

    class Meta:
        model = Public


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection: a real JPEG drawn by Pillow."""

    title = factory.Sequence(lambda n: f"Image d'essai {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=160, height=90, color="teal", filename="photo.jpg")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"

    class Meta:
        model = HomePage


class FicheIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fiches d'essai {n}")

    class Meta:
        model = FicheIndexPage


class TerritoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Territoires"
    slug = "territoires"

    class Meta:
        model = TerritoryIndexPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page d'essai {n}")

    class Meta:
        model = StandardPage


class FichePageFactory(wagtail_factories.PageFactory):
    """A live fiche of one territory (`territories=[…]` to choose them)."""

    title = factory.Sequence(lambda n: f"Fiche d'essai {n}")
    chapo = "Une action de la communauté apprenante."
    axis = factory.SubFactory(AxisFactory)
    status = FichePage.Status.EN_COURS
    year = 2024

    class Meta:
        model = FichePage
        skip_postgeneration_save = True

    @factory.post_generation
    def territories(fiche, create, territories, **kwargs):
        fiche.territories.set(territories if territories is not None else [TerritoryFactory()])
        if create:
            fiche.save()


def site_home() -> HomePage:
    """The default site's home page, created (with the site) when there is none."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Essai"},
    )
    return home
