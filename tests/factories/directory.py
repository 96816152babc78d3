import factory
from factory.django import DjangoModelFactory

from directory.models import Coordinator
from tests.factories.kb import TerritoryFactory


class CoordinatorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Personne d'essai {n}")
    role = "Coordinatrice"
    territory = factory.SubFactory(TerritoryFactory)
    organisation = "CCAS d'essai"
    email = factory.Sequence(lambda n: f"personne{n}@example.org")

    class Meta:
        model = Coordinator
