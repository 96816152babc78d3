"""The library's open dataset (kb.datasets): public deliverables and webinar recordings. No
speaker, no transcript."""

from kb.datasets import Dataset, Field, join
from kb.selectors import public_pages
from resources.models.pages import RecordingPage, ResourcePage
from resources.selectors import KIND_LABELS, RECORDING_KIND


def resource_rows(*, request=None):
    resources = (
        public_pages(ResourcePage.objects.live())
        .select_related("axis")
        .prefetch_related("territories", "tags")
        .defer("body")
        .order_by("pk")
    )
    for resource in resources.iterator(chunk_size=2000):
        yield {
            "id": resource.pk,
            "titre": resource.title,
            "url": resource.get_full_url(request),
            "type": resource.kind,
            "resume": resource.summary,
            "axe": resource.axis.slug if resource.axis else "",
            "territoires": join(sorted(t.slug for t in resource.territories.all())),
            "annee": resource.year,
            "mots_cles": join(sorted(tag.name for tag in resource.tags.all())),
        }
    recordings = (
        public_pages(RecordingPage.objects.live())
        .select_related("axis", "event")
        .prefetch_related("tags")
        .defer("transcript", "speakers", "chapters")
        .order_by("pk")
    )
    for recording in recordings.iterator(chunk_size=2000):
        yield {
            "id": recording.pk,
            "titre": recording.title,
            "url": recording.get_full_url(request),
            "type": RECORDING_KIND,
            "resume": recording.summary,
            "axe": recording.axis.slug if recording.axis else "",
            "territoires": "",
            "annee": recording.event.start.year if recording.event else None,
            "mots_cles": join(sorted(tag.name for tag in recording.tags.all())),
        }


RESOURCES_DATASET = Dataset(
    name="ressources",
    title="Ressources et enregistrements",
    description="Les livrables publics de la communauté (guides, kits, comptes rendus, "
    "présentations, modèles, vidéos) et les enregistrements publics des webinaires.",
    fields=(
        Field("id", "integer", "Identifiant", "Identifiant de la ressource sur le site.", True),
        Field("titre", "string", "Titre", "Titre de la ressource.", True),
        Field("url", "string", "Adresse", "Adresse de la page de la ressource.", True),
        Field(
            "type",
            "string",
            "Type",
            "Type de livrable, ou « enregistrement » pour un webinaire enregistré.",
            True,
            enum=tuple(KIND_LABELS),
        ),
        Field("resume", "string", "Résumé", "Résumé de la ressource."),
        Field("axe", "string", "Axe", "Code de l'axe de travail."),
        Field("territoires", "string", "Territoires", "Codes des territoires, séparés par « | »."),
        Field("annee", "integer", "Année", "Année du livrable, ou de l'enregistrement."),
        Field("mots_cles", "string", "Mots-clés", "Mots-clés, séparés par « | »."),
    ),
    rows=resource_rows,
    order=40,
)
