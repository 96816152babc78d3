"""What members follow in kb (axes, territories, tags, fiches) and the fiches' news
(registered in kb.plugins, read by the follows app through kb.activity)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import Truncator

from kb import activity
from kb.models import Axis, FicheIndexPage, FichePage, Territory, TerritoryIndexPage
from kb.selectors import page_ids_public, page_list_published_between, page_urls

SUMMARY_WORDS = 40


def _fiche_list_url() -> str:
    index = FicheIndexPage.objects.live().first()
    return (index.get_url() or "") if index is not None else ""


def axis_targets(keys) -> dict[str, activity.Target]:
    base = _fiche_list_url()
    return {
        axis.slug: activity.Target(axis.name, f"{base}?{urlencode({'axis': axis.slug})}")
        for axis in Axis.objects.filter(slug__in=keys)
    }


def territory_targets(keys) -> dict[str, activity.Target]:
    territories = list(Territory.objects.filter(slug__in=keys))
    urls = TerritoryIndexPage.urls_for_territories(territories)
    return {t.slug: activity.Target(t.name, urls[t.pk]) for t in territories}


def tag_targets(keys) -> dict[str, activity.Target]:
    """A tag is followed by its name (the search facet's value); its page is that search."""
    search = reverse("search")
    return {
        name: activity.Target(name, f"{search}?{urlencode({'tag': name})}")
        for name in keys
        if name.strip()
    }


def fiche_targets(keys) -> dict[str, activity.Target]:
    pks = [int(key) for key in keys if str(key).isdigit()]
    fiches = list(FichePage.objects.live().filter(pk__in=pks).only("pk", "title", "url_path"))
    urls = page_urls(fiches)
    return {str(fiche.pk): activity.Target(fiche.title, urls[fiche.pk]) for fiche in fiches}


def _summary(text: str) -> str:
    return Truncator(text or "").words(SUMMARY_WORDS)


def fiche_items(since, until):
    """New fiches (for their axis, territories and tags) and updated ones (for their followers)."""
    fiches = FichePage.objects.select_related("axis").prefetch_related("territories", "tags")
    new = list(page_list_published_between(fiches, since=since, until=until))
    updated = [
        fiche
        for fiche in page_list_published_between(
            FichePage.objects.all(), since=since, until=until, field="last_published_at"
        ).defer("body")
        if fiche.first_published_at and fiche.last_published_at > fiche.first_published_at
    ]
    public = page_ids_public(FichePage.objects.filter(pk__in=[f.pk for f in new + updated]))
    urls = page_urls(new + updated)
    for fiche in new:
        yield activity.Item(
            key=f"fiche:{fiche.pk}",
            source="fiches",
            title=fiche.title,
            url=urls[fiche.pk],
            date=fiche.first_published_at,
            summary=_summary(fiche.chapo),
            members_only=fiche.pk not in public,
            concerns=activity.concerns_of(
                axis=fiche.axis.slug if fiche.axis_id else None,
                territories=[territory.slug for territory in fiche.territories.all()],
                tags=[tag.name for tag in fiche.tags.all()],
            ),
            document=(FichePage, fiche.pk),
        )
    for fiche in updated:
        yield activity.Item(
            key=f"fiche:{fiche.pk}:{fiche.last_published_at.isoformat()}",
            source="fiches",
            title=fiche.title,
            url=urls[fiche.pk],
            date=fiche.last_published_at,
            label="mise à jour",
            members_only=fiche.pk not in public,
            concerns=frozenset({("fiche", str(fiche.pk))}),
            document=(FichePage, fiche.pk),
        )


def register() -> None:
    activity.register_followable(activity.Followable("axis", "l'axe", axis_targets))
    activity.register_followable(
        activity.Followable("territory", "le territoire", territory_targets)
    )
    activity.register_followable(activity.Followable("tag", "le mot-clé", tag_targets))
    activity.register_followable(activity.Followable("fiche", "la fiche", fiche_targets))
    activity.register_source(activity.Source("fiches", "Fiches pratiques", fiche_items, order=10))
