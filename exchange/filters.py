"""The question and remontée lists' filters, spelled as the other listings (kb.facets)."""

import django_filters

from exchange.models import Question, Remontee
from kb.facets import AXIS, TERRITORY
from kb.listing import ListingFilter

QUESTION_STATES = [("ouverte", "Ouverte"), ("resolue", "Résolue")]
SORTS = [("activite", "Activité récente"), ("votes", "« Moi aussi »")]


class QuestionFilter(ListingFilter):
    axis = AXIS.filter("axis", empty_label="Tous les axes")
    territory = TERRITORY.filter("territories", empty_label="Tous les territoires")
    state = django_filters.ChoiceFilter(
        label="État", choices=QUESTION_STATES, empty_label="Tous les états", method="by_state"
    )
    sort = django_filters.ChoiceFilter(
        label="Trier par", choices=SORTS, empty_label=None, method="sorted_by"
    )

    class Meta(ListingFilter.Meta):
        model = Question
        fields: list[str] = []

    def by_state(self, queryset, name, value):
        return queryset.filter(retained_answer__isnull=(value == "ouverte"))

    def sorted_by(self, queryset, name, value):
        return queryset  # the order is set once for every value (see `qs`)

    @property
    def qs(self):
        queryset = super().qs
        if self.form.cleaned_data.get("sort") == "votes":
            return queryset.order_by("-vote_count", "-last_activity_at", "-pk")
        return queryset.order_by("-last_activity_at", "-pk")


class RemonteeFilter(ListingFilter):
    axis = AXIS.filter("axis", empty_label="Tous les axes")
    territory = TERRITORY.filter("territory", empty_label="Tous les territoires")
    state = django_filters.ChoiceFilter(
        label="État", choices=Remontee.State.choices, empty_label="Tous les états"
    )
    kind = django_filters.ChoiceFilter(
        label="Nature", choices=Remontee.Kind.choices, empty_label="Toutes les natures"
    )

    class Meta(ListingFilter.Meta):
        model = Remontee
        fields: list[str] = []

    @property
    def qs(self):
        return super().qs.order_by("-last_activity_at", "-pk")
