import factory
from factory.django import DjangoModelFactory

from feedback.models import Level, ProblemReport, SatisfactionAnswer


class SatisfactionAnswerFactory(DjangoModelFactory):
    """An answer about `event` (an event page); its kind and year are the event's."""

    level = Level.UTILE
    event_kind = factory.LazyAttribute(lambda answer: answer.event.kind)
    event_kind_label = factory.LazyAttribute(lambda answer: answer.event.get_kind_display())
    event_year = factory.LazyAttribute(lambda answer: answer.event.start.year)

    class Meta:
        model = SatisfactionAnswer


class ProblemReportFactory(DjangoModelFactory):
    kind = ProblemReport.Kind.OBSOLETE
    note = "Le numéro de téléphone a changé."

    class Meta:
        model = ProblemReport
