import factory
from factory.django import DjangoModelFactory

from exchange.models import Answer, Question, Remontee, RemonteeStep
from tests.factories.kb import AxisFactory, TerritoryFactory


class QuestionFactory(DjangoModelFactory):
    """A question of one territory (`territories=[…]` to choose them)."""

    title = factory.Sequence(lambda n: f"Question d'essai {n}")
    body = "Comment faites-vous ?"
    axis = factory.SubFactory(AxisFactory)

    class Meta:
        model = Question
        skip_postgeneration_save = True

    @factory.post_generation
    def territories(question, create, territories, **kwargs):
        if create:
            question.territories.set(
                territories if territories is not None else [TerritoryFactory()]
            )


class AnswerFactory(DjangoModelFactory):
    question = factory.SubFactory(QuestionFactory)
    body = "Chez nous, nous avons fait ainsi."

    class Meta:
        model = Answer


class RemonteeFactory(DjangoModelFactory):
    kind = Remontee.Kind.BESOIN
    title = factory.Sequence(lambda n: f"Remontée d'essai {n}")
    body = "Il nous manque un outil."
    axis = factory.SubFactory(AxisFactory)
    territory = factory.SubFactory(TerritoryFactory)

    class Meta:
        model = Remontee
        skip_postgeneration_save = True

    @factory.post_generation
    def first_step(remontee, create, extracted, **kwargs):
        if create:
            RemonteeStep.objects.create(
                remontee=remontee, state=Remontee.State.RECUE, author=remontee.author
            )
