"""A deterministic, realistic corpus for the benchmark: plain data, no database.

`generate(size, seed)` yields fiches, events, recordings (with WebVTT transcripts of a
few thousand words) and resources written from the community's own vocabulary (axes,
publics, territories and tags of the demo), always the same for a given size and seed.
"""

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo" / "data"
PARIS = ZoneInfo("Europe/Paris")
DEFAULT_SEED = 20261123

# Share of each kind in a corpus (recordings are few but long).
SHARES = {"fiche": 0.62, "event": 0.18, "recording": 0.02, "resource": 0.18}

AXES = [
    "aller-vers",
    "numerique",
    "travail-partenarial",
    "acces-aux-droits",
    "pratiques-professionnelles",
    "echange-de-donnees",
    "participation",
    "communication",
    "connaissance-du-non-recours",
]
PUBLICS = [
    "familles-monoparentales",
    "femmes",
    "personnes-agees",
    "personnes-handicap",
    "personnes-sans-emploi",
    "travailleurs-pauvres",
    "travailleurs-independants",
    "travailleurs-agricoles",
    "jeunes",
    "enfants",
    "situation-irreguliere",
    "violences-conjugales",
    "errance",
    "tutelle",
]
PUBLIC_WORDS = {
    "familles-monoparentales": "familles monoparentales",
    "femmes": "femmes isolées",
    "personnes-agees": "personnes âgées",
    "personnes-handicap": "personnes en situation de handicap",
    "personnes-sans-emploi": "demandeurs d'emploi",
    "travailleurs-pauvres": "travailleurs pauvres",
    "travailleurs-independants": "travailleurs indépendants",
    "travailleurs-agricoles": "exploitants agricoles",
    "jeunes": "jeunes de 16 à 25 ans",
    "enfants": "enfants et leurs parents",
    "situation-irreguliere": "personnes en situation irrégulière",
    "violences-conjugales": "victimes de violences conjugales",
    "errance": "personnes en errance",
    "tutelle": "majeurs protégés",
}
ACTIONS = [
    "Caravane des droits",
    "Bus France services",
    "Permanence mobile",
    "Maraude sociale",
    "Atelier numérique",
    "Rendez-vous des droits",
    "Croisement de fichiers",
    "Porte-à-porte",
    "Café des droits",
    "Formation des agents d'accueil",
    "Guichet unique",
    "Ambassadeurs des droits",
    "Simulateur de droits",
    "Comité des usagers",
    "Courrier ciblé",
    "Accueil sans rendez-vous",
    "Écrivains publics",
    "Bilan de droits",
    "Référent de parcours",
    "Journée portes ouvertes",
]
BENEFITS = [
    "RSA",
    "prime d'activité",
    "C2S",
    "APL",
    "AAH",
    "allocation de solidarité aux personnes âgées",
    "chèque énergie",
    "bourses scolaires",
    "tarification sociale de l'eau",
    "aide au transport",
    "complémentaire santé solidaire",
    "allocations familiales",
]
PARTNERS = [
    "CAF",
    "CPAM",
    "MSA",
    "France Travail",
    "CCAS",
    "CARSAT",
    "bailleurs sociaux",
    "associations caritatives",
    "centres sociaux",
    "France services",
    "conseil départemental",
    "mission locale",
]
TAGS = [
    "aller-vers",
    "caravane",
    "bus",
    "accès aux droits",
    "bilan de droits",
    "c2s",
    "rsa",
    "numérique",
    "illectronisme",
    "formation",
    "partenariat",
    "croisement de données",
    "rgpd",
    "participation",
    "porte-à-porte",
    "maraude",
    "communication",
    "évaluation",
    "jeunes",
    "seniors",
    "ruralité",
    "quartiers prioritaires",
    "santé",
    "énergie",
    "logement",
    "mobilité",
    "bénévoles",
    "ccas",
    "caf",
    "france services",
]
SENTENCES = [
    "L'équipe va vers les {public} là où ils vivent, sur les marchés et au pied des immeubles.",
    "Le repérage s'appuie sur le croisement des fichiers de la {partner} et du {partner2}.",
    "Un bilan de droits complet est proposé, avec une attention particulière au {benefit}.",
    "Les agents d'accueil ont été formés pour orienter vers le bon interlocuteur.",
    "La {partner} a signé une convention d'échange de données respectant le RGPD.",
    "Les personnes accompagnées témoignent de la méfiance envers les démarches en ligne.",
    "Le non-recours au {benefit} reste élevé chez les {public} du territoire.",
    "Un comité de suivi réunit chaque trimestre la {partner}, le {partner2} et les associations.",
    "Les ateliers numériques aident à créer un compte et à déclarer ses ressources.",
    "L'action a permis d'ouvrir des droits au {benefit} pour plusieurs centaines de foyers.",
    "La communication passe par des affiches, la radio locale et le bouche-à-oreille.",
    "Des bénévoles formés accompagnent les {public} dans leurs démarches administratives.",
    "L'évaluation mesure le nombre de droits ouverts et le délai de traitement des dossiers.",
    "Le partenariat avec la {partner} a simplifié le circuit des demandes de {benefit}.",
    "La participation des personnes concernées a transformé la manière d'accueillir.",
    "Un simulateur permet d'estimer ses droits au {benefit} en quelques minutes.",
    "Les permanences se tiennent dans les mairies des communes rurales, sans rendez-vous.",
    "Le coffre-fort numérique facilite la conservation des justificatifs.",
    "La fracture numérique touche particulièrement les {public} éloignés des services.",
    "Les professionnels partagent leurs pratiques lors d'une analyse de situations.",
]
SPOKEN = [
    "alors bonjour à toutes et à tous et merci d'être présents pour ce webinaire",
    "je vais vous présenter rapidement comment on s'est organisés sur le territoire",
    "au départ on a constaté que beaucoup de personnes ne demandaient pas leurs droits",
    "on a travaillé avec la caisse d'allocations familiales et la caisse primaire",
    "le bus passe dans chaque commune une fois par mois avec deux travailleurs sociaux",
    "ce qui a bien marché c'est la présence régulière au même endroit et à la même heure",
    "la difficulté principale reste l'échange de données entre les organismes",
    "on a signé une convention pour pouvoir croiser les fichiers dans le respect du RGPD",
    "les personnes âgées nous disent qu'elles ont peur des arnaques au téléphone",
    "les jeunes eux sont à l'aise avec le téléphone mais pas avec les démarches",
    "la question c'est comment on mesure le non-recours et ce qu'on a évité",
    "je passe la parole à ma collègue qui va vous parler de la formation des agents",
    "est-ce qu'il y a des questions dans le fil de discussion avant qu'on continue",
    "oui tout à fait c'est une très bonne question merci beaucoup",
    "on a aussi mis en place des ateliers numériques dans les centres sociaux",
    "le bilan de droits dure environ une heure et on rappelle la personne un mois après",
    "la complémentaire santé solidaire est souvent oubliée alors qu'elle change la vie",
    "le prochain webinaire portera sur la participation des personnes concernées",
]
EVENT_KINDS = ["pleniere", "mensuelle", "webinaire", "journee_thematique", "atelier"]
RESOURCE_KINDS = ["guide", "kit", "compte_rendu", "presentation", "modele"]
STATUSES = ["a_initier", "en_cours", "terminee"]
YEARS = list(range(2023, 2027))


@dataclass
class Item:
    kind: str  # fiche, event, recording, resource
    number: int
    title: str
    slug: str
    summary: str
    paragraphs: list[str] = field(default_factory=list)
    axis: str | None = None
    territories: list[int] = field(default_factory=list)  # territory numbers
    publics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    status: str = ""
    year: int = 2024
    partners: list[str] = field(default_factory=list)
    start: datetime | None = None
    event_kind: str = ""
    resource_kind: str = ""
    members_only: bool = False
    event_number: int | None = None  # the event a recording records
    speakers: list[str] = field(default_factory=list)
    transcript: str = ""


def territories() -> list[dict]:
    return json.loads((DEMO_DIR / "territoires.json").read_text(encoding="utf-8"))


def counts(size: int) -> dict[str, int]:
    """How many items of each kind a corpus of `size` documents holds."""
    result = {kind: int(size * share) for kind, share in SHARES.items()}
    result["fiche"] += size - sum(result.values())
    return result


class _Writer:
    def __init__(self, rng: random.Random, places: list[dict]):
        self.rng = rng
        self.places = places

    def sentence(self, publics: list[str]) -> str:
        rng = self.rng
        partner, partner2 = rng.sample(PARTNERS, 2)
        return rng.choice(SENTENCES).format(
            public=PUBLIC_WORDS[rng.choice(publics) if publics else rng.choice(PUBLICS)],
            partner=partner,
            partner2=partner2,
            benefit=rng.choice(BENEFITS),
        )

    def paragraphs(self, publics: list[str], count: int) -> list[str]:
        return [
            " ".join(self.sentence(publics) for _ in range(self.rng.randint(3, 6)))
            for _ in range(count)
        ]

    def transcript(self, words: int) -> str:
        rng, cues, total, second = self.rng, ["WEBVTT", ""], 0, 0
        while total < words:
            text = rng.choice(SPOKEN)
            total += len(text.split())
            length = rng.randint(4, 9)
            cues.append(f"{_clock(second)} --> {_clock(second + length)}\n{text}\n")
            second += length
        return "\n".join(cues)


def _clock(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.000"


def generate(size: int, seed: int = DEFAULT_SEED) -> Iterator[Item]:
    """The corpus: events first (recordings refer to them), then fiches, recordings, resources."""
    rng = random.Random(f"{seed}:{size}")  # noqa: S311 — reproducible corpus, not security
    places = territories()
    numbers = [place["numero"] for place in places]
    names = {place["numero"]: place["short_name"] for place in places}
    writer = _Writer(rng, places)
    how_many = counts(size)
    first_day = date(2023, 1, 5)

    webinars: list[int] = []
    for n in range(how_many["event"]):
        kind = rng.choices(EVENT_KINDS, weights=[1, 6, 3, 1, 4])[0]
        day = first_day + timedelta(days=rng.randint(0, 5 * 365))
        hour = rng.choice([9, 10, 14])
        start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)
        place = rng.sample(numbers, rng.randint(0, 2))
        topic = rng.choice(ACTIONS)
        if kind == "webinaire":
            webinars.append(n)
        yield Item(
            kind="event",
            number=n,
            title=f"{topic} — {kind.replace('_', ' ')} du {day:%d/%m/%Y}",
            slug=f"bench-evenement-{n}",
            summary=" ".join(writer.sentence([]) for _ in range(2)),
            paragraphs=writer.paragraphs([], 1),
            territories=place,
            start=start,
            event_kind=kind,
            year=day.year,
        )
    for n in range(how_many["fiche"]):
        publics = rng.sample(PUBLICS, rng.randint(1, 3))
        places_of = rng.sample(numbers, rng.choice([1, 1, 1, 2, 3]))
        action = rng.choice(ACTIONS)
        yield Item(
            kind="fiche",
            number=n,
            title=f"{action} pour les {PUBLIC_WORDS[publics[0]]} à {names[places_of[0]]}",
            slug=f"bench-fiche-{n}",
            summary=" ".join(writer.sentence(publics) for _ in range(2)),
            paragraphs=writer.paragraphs(publics, rng.randint(2, 5)),
            axis=rng.choice(AXES),
            territories=places_of,
            publics=publics,
            tags=rng.sample(TAGS, rng.randint(1, 4)),
            status=rng.choice(STATUSES),
            year=rng.choice(YEARS),
            partners=rng.sample(PARTNERS, rng.randint(1, 4)),
        )
    for n in range(how_many["recording"]):
        event = rng.choice(webinars) if webinars else None
        yield Item(
            kind="recording",
            number=n,
            title=f"Enregistrement — {rng.choice(ACTIONS)} ({n + 1})",
            slug=f"bench-enregistrement-{n}",
            summary=" ".join(writer.sentence([]) for _ in range(3)),
            axis=rng.choice(AXES),
            tags=rng.sample(TAGS, rng.randint(1, 3)),
            event_number=event,
            speakers=[f"Coordination TZNR de {names[rng.choice(numbers)]}" for _ in range(2)],
            transcript=writer.transcript(rng.randint(2000, 3500)),
        )
    for n in range(how_many["resource"]):
        kind = rng.choice(RESOURCE_KINDS)
        yield Item(
            kind="resource",
            number=n,
            title=f"{kind.replace('_', ' ').capitalize()} — {rng.choice(ACTIONS).lower()}"
            f" ({n + 1})",
            slug=f"bench-ressource-{n}",
            summary=" ".join(writer.sentence([]) for _ in range(2)),
            paragraphs=writer.paragraphs([], rng.randint(1, 3)),
            axis=rng.choice(AXES),
            territories=rng.sample(numbers, rng.randint(0, 2)),
            tags=rng.sample(TAGS, rng.randint(1, 3)),
            resource_kind=kind,
            year=rng.choice(YEARS),
            members_only=rng.random() < 0.15,
        )
