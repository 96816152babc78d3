import datetime

import factory
import wagtail_factories
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Kind, Mode


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Agenda d'essai {n}")

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """A live event in ten days, two hours long."""

    title = factory.Sequence(lambda n: f"Événement d'essai {n}")
    kind = Kind.PLENIERE
    mode = Mode.BIMODAL
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    summary = "Un rendez-vous de la communauté."

    class Meta:
        model = EventPage
