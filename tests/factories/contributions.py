import factory
from factory.django import DjangoModelFactory

from contributions.models import Contribution


class ContributionFactory(DjangoModelFactory):
    """A member's draft fiche proposal (`author=…` required)."""

    kind = Contribution.Kind.FICHE
    title = factory.Sequence(lambda n: f"Proposition d'essai {n}")
    data = factory.LazyAttribute(
        lambda contribution: {"title": contribution.title, "chapo": "", "body": ""}
    )

    class Meta:
        model = Contribution
