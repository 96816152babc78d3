"""Recordings and deliverables as news for members who follow their axis, territories or tags
(registered in resources.plugins, read by the follows app through kb.activity)."""

from django.utils.text import Truncator

from kb import activity
from kb.selectors import page_ids_public, page_list_published_between, page_urls
from resources.models import RecordingPage, ResourcePage

SUMMARY_WORDS = 40


def recording_items(since, until):
    recordings = list(
        page_list_published_between(
            RecordingPage.objects.select_related("axis").prefetch_related(
                "tags", "event__territories"
            ),
            since=since,
            until=until,
        ).defer("transcript")
    )
    public = page_ids_public(RecordingPage.objects.filter(pk__in=[r.pk for r in recordings]))
    urls = page_urls(recordings)
    for recording in recordings:
        territories = recording.event.territories.all() if recording.event_id else []
        yield activity.Item(
            key=f"recording:{recording.pk}",
            source="recordings",
            title=recording.title,
            url=urls[recording.pk],
            date=recording.first_published_at,
            summary=Truncator(recording.summary).words(SUMMARY_WORDS),
            members_only=recording.pk not in public,
            concerns=activity.concerns_of(
                axis=recording.axis.slug if recording.axis_id else None,
                territories=[territory.slug for territory in territories],
                tags=[tag.name for tag in recording.tags.all()],
            ),
            document=(RecordingPage, recording.pk),
        )


def resource_items(since, until):
    resources = list(
        page_list_published_between(
            ResourcePage.objects.select_related("axis").prefetch_related("territories", "tags"),
            since=since,
            until=until,
        )
    )
    public = page_ids_public(ResourcePage.objects.filter(pk__in=[r.pk for r in resources]))
    urls = page_urls(resources)
    for resource in resources:
        yield activity.Item(
            key=f"resource:{resource.pk}",
            source="resources",
            title=resource.title,
            url=urls[resource.pk],
            date=resource.first_published_at,
            summary=Truncator(resource.summary).words(SUMMARY_WORDS),
            members_only=resource.pk not in public,
            concerns=activity.concerns_of(
                axis=resource.axis.slug if resource.axis_id else None,
                territories=[territory.slug for territory in resource.territories.all()],
                tags=[tag.name for tag in resource.tags.all()],
            ),
            document=(ResourcePage, resource.pk),
        )


def register() -> None:
    activity.register_source(
        activity.Source("recordings", "Enregistrements", recording_items, order=20)
    )
    activity.register_source(activity.Source("resources", "Ressources", resource_items, order=30))
