import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from follows.models import Follow, Frequency, SavedSearch


class FollowFactory(DjangoModelFactory):
    """A follow at the daily frequency, of an axis by default (`kind`, `key` to choose)."""

    kind = "axis"
    key = "aller-vers"
    frequency = Frequency.DAILY
    created_at = factory.LazyFunction(timezone.now)
    since = factory.LazyAttribute(lambda follow: follow.created_at)

    class Meta:
        model = Follow


class SavedSearchFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Alerte {n}")
    text = ""
    filters = factory.LazyFunction(dict)
    frequency = Frequency.DAILY
    created_at = factory.LazyFunction(timezone.now)
    since = factory.LazyAttribute(lambda search: search.created_at)

    class Meta:
        model = SavedSearch
