"""The open datasets of kb's content that the observatory publishes: fiches and territories
(events and resources register theirs from their own apps, kb.datasets)."""

from django.db.models import Count, Q

from kb.datasets import Dataset, Field, join
from kb.models import FichePage, Territory, TerritoryIndexPage
from kb.selectors import public_pages

CHUNK = 2000


def _datetime(value) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def fiche_rows(*, request=None):
    fiches = (
        public_pages(FichePage.objects.live())
        .select_related("axis")
        .prefetch_related("territories", "publics", "tags")
        .defer("body")
        .order_by("pk")
    )
    for fiche in fiches.iterator(chunk_size=CHUNK):
        yield {
            "id": fiche.pk,
            "titre": fiche.title,
            "url": fiche.get_full_url(request),
            "chapo": fiche.chapo,
            "axe": fiche.axis.slug if fiche.axis else "",
            "axe_libelle": fiche.axis.name if fiche.axis else "",
            "etat": fiche.status,
            "annee": fiche.year,
            "territoires": join(sorted(t.slug for t in fiche.territories.all())),
            "publics": join(sorted(p.slug for p in fiche.publics.all())),
            "mots_cles": join(sorted(tag.name for tag in fiche.tags.all())),
            "partenaires": join(fiche.partner_list),
            "premiere_publication": _datetime(fiche.first_published_at),
            "derniere_publication": _datetime(fiche.last_published_at),
        }


def territory_rows(*, request=None):
    public = public_pages(FichePage.objects.live()).values("pk")
    territories = Territory.objects.annotate(
        fiches_count=Count("fiches", filter=Q(fiches__in=public), distinct=True)
    ).order_by("numero")
    territories = list(territories)
    urls = TerritoryIndexPage.urls_for_territories(territories, request)
    root = request.build_absolute_uri("/").rstrip("/") if request is not None else ""
    for territory in territories:
        yield {
            "numero": territory.numero,
            "slug": territory.slug,
            "nom": territory.name,
            "porteur": territory.porteur,
            "type_porteur": territory.porteur_type,
            "departement": territory.departement,
            "code_departement": territory.code_departement,
            "region": territory.region,
            "cohorte": territory.cohort,
            "presentation": territory.description,
            "url": root + urls[territory.pk] if urls[territory.pk] else "",
            "fiches_publiees": territory.fiches_count,
        }


FICHES = Dataset(
    name="fiches",
    title="Fiches pratiques",
    description="Les actions des territoires décrites en fiches pratiques publiques : une ligne "
    "par fiche publiée (les fiches réservées aux membres n'y figurent pas, ni les personnes à "
    "contacter).",
    fields=(
        Field("id", "integer", "Identifiant", "Identifiant de la fiche sur le site.", True),
        Field("titre", "string", "Titre", "Titre de la fiche.", True),
        Field("url", "string", "Adresse", "Adresse de la fiche sur le site.", True),
        Field("chapo", "string", "Chapô", "Résumé de l'action en quelques phrases."),
        Field("axe", "string", "Axe", "Code de l'axe de travail (voir axe_libelle)."),
        Field("axe_libelle", "string", "Libellé de l'axe", "Nom de l'axe de travail."),
        Field(
            "etat",
            "string",
            "État d'avancement",
            "a_initier (à initier), en_cours (en cours) ou terminee (terminée).",
            True,
            enum=tuple(FichePage.Status.values),
        ),
        Field("annee", "integer", "Année", "Année de l'action.", True),
        Field(
            "territoires",
            "string",
            "Territoires",
            "Codes (slug) des territoires de l'action, séparés par « | » (voir territoires).",
        ),
        Field("publics", "string", "Publics", "Codes des publics visés, séparés par « | »."),
        Field("mots_cles", "string", "Mots-clés", "Mots-clés, séparés par « | »."),
        Field(
            "partenaires", "string", "Partenaires", "Structures partenaires, séparées par « | »."
        ),
        Field(
            "premiere_publication",
            "datetime",
            "Première publication",
            "Date et heure de la première publication (ISO 8601, heure de Paris).",
        ),
        Field(
            "derniere_publication",
            "datetime",
            "Dernière publication",
            "Date et heure de la dernière publication (ISO 8601, heure de Paris).",
        ),
    ),
    rows=fiche_rows,
    order=10,
)

TERRITORIES = Dataset(
    name="territoires",
    title="Territoires lauréats",
    description="Les 39 territoires lauréats de l'expérimentation, leur porteur, leur "
    "localisation, leur année de démarrage et le nombre de leurs fiches publiques.",
    fields=(
        Field(
            "numero", "integer", "Numéro", "Numéro du territoire dans la liste des lauréats.", True
        ),
        Field(
            "slug", "string", "Code", "Code du territoire, repris par les autres fichiers.", True
        ),
        Field("nom", "string", "Nom", "Nom d'usage du territoire.", True),
        Field("porteur", "string", "Porteur", "Collectivité qui porte le projet.", True),
        Field(
            "type_porteur",
            "string",
            "Type de porteur",
            "commune, epci, departement, metropole ou collectivite_territoriale.",
            True,
            enum=tuple(Territory.PorteurType.values),
        ),
        Field("departement", "string", "Département", "Nom du département.", True),
        Field(
            "code_departement", "string", "Code du département", "Code INSEE du département.", True
        ),
        Field("region", "string", "Région", "Nom de la région.", True),
        Field("cohorte", "integer", "Cohorte", "Année de démarrage de l'expérimentation.", True),
        Field("presentation", "string", "Présentation", "Courte présentation du territoire."),
        Field("url", "string", "Adresse", "Adresse de la page du territoire."),
        Field(
            "fiches_publiees",
            "integer",
            "Fiches publiées",
            "Nombre de fiches pratiques publiques rattachées au territoire.",
            True,
        ),
    ),
    rows=territory_rows,
    order=20,
    primary_key="numero",
)
