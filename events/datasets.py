"""The calendar's open dataset (kb.datasets): one row per public event, a series' occurrences
each on their own row. No visio link, no speaker, no registration."""

from zoneinfo import ZoneInfo

from django.utils import timezone

from events.models import EventPage, Kind, Mode
from kb.datasets import Dataset, Field, join
from kb.selectors import public_pages

PARIS = ZoneInfo("Europe/Paris")


def _paris(moment) -> str:
    return timezone.localtime(moment, PARIS).isoformat(timespec="seconds")


def event_rows(*, request=None):
    events = (
        public_pages(EventPage.objects.live())
        .select_related("series")
        .prefetch_related("territories")
        .defer("body")
        .order_by("start", "pk")
    )
    for event in events.iterator(chunk_size=2000):
        yield {
            "id": event.pk,
            "titre": event.title,
            "url": event.get_full_url(request),
            "type": event.kind,
            "format": event.mode,
            "debut": _paris(event.start),
            "fin": _paris(event.end),
            "annule": event.cancelled,
            "lieu": event.place,
            "serie": event.series.slug if event.series_id else "",
            "date_prevue": event.occurrence_date.isoformat() if event.occurrence_date else "",
            "territoires": join(sorted(t.slug for t in event.territories.all())),
            "resume": event.summary,
        }


EVENTS_DATASET = Dataset(
    name="evenements",
    title="Événements",
    description="Les événements publics de la communauté apprenante (plénières, mensuelles, "
    "webinaires…) : une ligne par événement, et une ligne par date pour les séries (chaque "
    "Mensuelle a la sienne).",
    fields=(
        Field("id", "integer", "Identifiant", "Identifiant de l'événement sur le site.", True),
        Field("titre", "string", "Titre", "Titre de l'événement.", True),
        Field("url", "string", "Adresse", "Adresse de la page de l'événement.", True),
        Field("type", "string", "Type", "Type d'événement.", True, enum=tuple(Kind.values)),
        Field(
            "format",
            "string",
            "Format",
            "Présentiel, distanciel ou bimodal.",
            True,
            enum=tuple(Mode.values),
        ),
        Field("debut", "datetime", "Début", "Début (ISO 8601, heure de Paris).", True),
        Field("fin", "datetime", "Fin", "Fin (ISO 8601, heure de Paris).", True),
        Field("annule", "boolean", "Annulé", "true si l'événement est annulé.", True),
        Field("lieu", "string", "Lieu", "Lieu, pour un événement en présentiel."),
        Field("serie", "string", "Série", "Code de la série dont l'événement est une date."),
        Field(
            "date_prevue",
            "date",
            "Date prévue",
            "Pour une date de série : le jour prévu par la règle (même si la date a été déplacée).",
        ),
        Field(
            "territoires",
            "string",
            "Territoires",
            "Codes des territoires concernés, séparés par « | ».",
        ),
        Field("resume", "string", "Résumé", "Résumé de l'événement."),
    ),
    rows=event_rows,
    order=30,
)
