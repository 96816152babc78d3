import factory
from factory.django import DjangoModelFactory

from essaimage.models import Reuse
from tests.factories.kb import TerritoryFactory


class ReuseFactory(DjangoModelFactory):
    """A territory's declaration that it reused a fiche (`fiche=…` required)."""

    territory = factory.SubFactory(TerritoryFactory)
    level = Reuse.Level.ADAPTEE
    note = "Adaptée avec le CCAS."

    class Meta:
        model = Reuse
