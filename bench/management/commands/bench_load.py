"""Load the benchmark corpus (bench/corpus.py) as live Wagtail pages, in bulk.

Pages are real Wagtail/treebeard pages under the demo's index pages: the same rows
(`wagtailcore_page` + the specific table + M2M, tags, view restrictions) that the
admin writes, with tree paths computed the way treebeard computes them, but inserted
in batches instead of one `add_child()` per page (which would take most of an hour
at 100k). No revision is written and no index is touched: `search_rebuild` indexes
afterwards, as after any bulk import.
"""

import time
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils.html import escape
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from bench.corpus import DEFAULT_SEED, PARIS, generate
from events.models import EventIndexPage, EventPage
from kb import private_api
from kb.models import Axis, FicheIndexPage, FichePage, FicheTag, HomePage, Public, Territory
from kb.permissions import MEMBER_GROUPS
from resources.models import (
    RecordingPage,
    RecordingTag,
    ResourceIndexPage,
    ResourcePage,
    ResourceTag,
)

BATCH = 1000
ORIGIN = datetime(2023, 1, 2, 9, 0, tzinfo=PARIS)


def paragraphs(texts):
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def add_children(parent: Page, pages: list[Page]) -> None:
    """Insert `pages` as the last children of `parent`, as treebeard's add_child() would."""
    if not pages:
        return
    model = type(pages[0])
    step = private_api.last_child_step(parent)
    content_type = ContentType.objects.get_for_model(model)
    bases = []
    for offset, page in enumerate(pages, start=1):
        page.path = private_api.child_path(parent, step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.last_published_at = page.first_published_at
        bases.append(
            Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
        )
    Page.objects.bulk_create(bases, batch_size=BATCH)
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(pages), BATCH):
        private_api.insert_child_table_rows(model, pages[start : start + BATCH], fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.refresh_from_db(fields=["numchild"])


def add_m2m(model, field_name: str, links: list[tuple[int, int]]) -> None:
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create(
        [through(**{source: a, target: b}) for a, b in links], batch_size=BATCH
    )


class Command(BaseCommand):
    help = "Charge le corpus de mesure (bench/corpus.py) : N pages publiées, en masse."

    def add_arguments(self, parser):
        parser.add_argument("size", type=int)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args, size, seed, **options):
        if not HomePage.objects.exists():
            call_command("load_demo", verbosity=0)
        if FichePage.objects.filter(slug__startswith="bench-").exists():
            raise CommandError("Le corpus de mesure est déjà chargé dans cette base.")
        started = time.perf_counter()
        with transaction.atomic():
            loaded = self.load(size, seed)
        if connection.vendor == "postgresql":
            # As after any bulk load: the planner's statistics describe the loaded tables,
            # not the empty ones (pages are measured before autovacuum may get to them).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{loaded} pages chargées en {elapsed:.1f} s.")

    def load(self, size: int, seed: int) -> int:
        axes = dict(Axis.objects.values_list("slug", "pk"))
        publics = dict(Public.objects.values_list("slug", "pk"))
        territories = dict(Territory.objects.values_list("numero", "pk"))
        tag_ids: dict[str, int] = {}
        fiche_index = FicheIndexPage.objects.get()
        event_index = EventIndexPage.objects.get()
        resource_index = ResourceIndexPage.objects.get()
        items = {"fiche": [], "event": [], "recording": [], "resource": []}
        for item in generate(size, seed):
            items[item.kind].append(item)

        def tag(name: str) -> int:
            if name not in tag_ids:
                tag_ids[name] = Tag.objects.get_or_create(
                    name=name, defaults={"slug": slugify(name)}
                )[0].pk
            return tag_ids[name]

        events = [
            EventPage(
                title=item.title,
                slug=item.slug,
                kind=item.event_kind,
                start=item.start,
                end=item.start + timedelta(hours=2),
                mode=EventPage.Mode.DISTANCIEL,
                summary=item.summary,
                body=paragraphs(item.paragraphs),
                first_published_at=item.start - timedelta(days=30),
            )
            for item in items["event"]
        ]
        add_children(event_index, events)
        add_m2m(
            EventPage,
            "territories",
            [
                (p.pk, territories[n])
                for p, i in zip(events, items["event"], strict=True)
                for n in i.territories
            ],
        )
        event_pages = {item.number: page for item, page in zip(items["event"], events, strict=True)}

        fiches = [
            FichePage(
                title=item.title,
                slug=item.slug,
                chapo=item.summary,
                body=paragraphs(item.paragraphs),
                axis_id=axes[item.axis],
                status=item.status,
                year=item.year,
                partners="\n".join(item.partners),
                first_published_at=ORIGIN + timedelta(days=item.number % 1000, minutes=item.number),
            )
            for item in items["fiche"]
        ]
        add_children(fiche_index, fiches)
        pairs = list(zip(fiches, items["fiche"], strict=True))
        add_m2m(
            FichePage,
            "territories",
            [(p.pk, territories[n]) for p, i in pairs for n in i.territories],
        )
        add_m2m(FichePage, "publics", [(p.pk, publics[s]) for p, i in pairs for s in i.publics])
        FicheTag.objects.bulk_create(
            [FicheTag(content_object_id=p.pk, tag_id=tag(t)) for p, i in pairs for t in i.tags],
            batch_size=BATCH,
        )

        recordings = []
        for item in items["recording"]:
            event = event_pages.get(item.event_number)
            recordings.append(
                RecordingPage(
                    title=item.title,
                    slug=item.slug,
                    event=event,
                    summary=item.summary,
                    speakers="\n".join(item.speakers),
                    transcript=item.transcript,
                    axis_id=axes[item.axis],
                    first_published_at=event.start if event else ORIGIN,
                )
            )
        resources = [
            ResourcePage(
                title=item.title,
                slug=item.slug,
                kind=item.resource_kind,
                summary=item.summary,
                body=paragraphs(item.paragraphs),
                axis_id=axes[item.axis],
                year=item.year,
                first_published_at=ORIGIN,
            )
            for item in items["resource"]
        ]
        add_children(resource_index, recordings)
        add_children(resource_index, resources)
        RecordingTag.objects.bulk_create(
            [
                RecordingTag(content_object_id=p.pk, tag_id=tag(t))
                for p, i in zip(recordings, items["recording"], strict=True)
                for t in i.tags
            ],
            batch_size=BATCH,
        )
        pairs = list(zip(resources, items["resource"], strict=True))
        add_m2m(
            ResourcePage,
            "territories",
            [(p.pk, territories[n]) for p, i in pairs for n in i.territories],
        )
        ResourceTag.objects.bulk_create(
            [ResourceTag(content_object_id=p.pk, tag_id=tag(t)) for p, i in pairs for t in i.tags],
            batch_size=BATCH,
        )
        restricted = [p for p, i in pairs if i.members_only]
        restrictions = PageViewRestriction.objects.bulk_create(
            [
                PageViewRestriction(page_id=p.pk, restriction_type=PageViewRestriction.GROUPS)
                for p in restricted
            ],
            batch_size=BATCH,
        )
        groups = list(Group.objects.filter(name__in=MEMBER_GROUPS).values_list("pk", flat=True))
        through = PageViewRestriction.groups.through
        through.objects.bulk_create(
            [
                through(pageviewrestriction_id=r.pk, group_id=g)
                for r in restrictions
                for g in groups
            ],
            batch_size=BATCH,
        )
        return len(events) + len(fiches) + len(recordings) + len(resources)
