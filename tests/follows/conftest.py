import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kb.permissions import MEMBER_GROUPS
from tests.factories.kb import AxisFactory, FichePageFactory, TerritoryFactory


@pytest.fixture
def axis(db):
    return AxisFactory(name="Axe suivi", slug="axe-suivi")


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Territoire suivi", slug="territoire-suivi")


@pytest.fixture
def make_fiche(site_tree, axis, territory):
    """A live fiche under the fiche list, first published at `at` (an hour ago by default);
    `members_only=True` restricts it to members."""

    def make(*, at=None, members_only=False, tags=(), territories=None, **fields):
        at = at or timezone.now() - datetime.timedelta(hours=1)
        fiche = FichePageFactory(
            parent=site_tree.fiches,
            axis=fields.pop("axis", axis),
            territories=territories if territories is not None else [territory],
            **fields,
        )
        if tags:
            fiche.tags.add(*tags)
        fiche.first_published_at = fiche.last_published_at = at
        fiche.save()
        if members_only:
            restriction = PageViewRestriction.objects.create(
                page=fiche, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))
        return fiche

    return make
