"""Build the demo site from the facts of the first-year review (demo/data/*.json).

Idempotent: objects are looked up by a natural key and left alone when they
already exist, so a second run changes nothing.
"""

import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import RichText

from demo import contributions as demo_contributions
from demo import feedback as demo_feedback
from demo import follows as demo_follows
from demo import media as demo_files
from demo import questions as demo_questions
from directory.models import Coordinator
from events.models import EventIndexPage, EventPage, EventSeriesException, EventSeriesPage
from events.services import series_sync_occurrences
from kb.models import (
    Axis,
    FicheIndexPage,
    FichePage,
    HomePage,
    Public,
    StandardPage,
    Territory,
    TerritoryIndexPage,
)
from kb.models.mixins import ascii_slug
from kb.permissions import MEMBER_GROUPS
from resources.models import RecordingPage, ResourceIndexPage, ResourcePage
from search.indexing import ensure_built as search_index_ensure_built
from search.indexing import paused as search_index_paused
from search.indexing import rebuild as search_index_rebuild

DEMO_DIR = Path(__file__).resolve().parents[2] / "data"
PARIS = ZoneInfo("Europe/Paris")
AXES = [
    ("aller-vers", "Aller-vers"),
    ("numerique", "Numérique / illectronisme"),
    ("travail-partenarial", "Travail partenarial transversal"),
    ("acces-aux-droits", "Accès aux droits"),
    ("pratiques-professionnelles", "Pratiques professionnelles"),
    ("echange-de-donnees", "Échange de données"),
    ("participation", "Participation des personnes"),
    ("communication", "Communication"),
    ("connaissance-du-non-recours", "Connaissance du non-recours"),
]
PUBLICS = [
    ("familles-monoparentales", "Familles monoparentales"),
    ("femmes", "Femmes"),
    ("personnes-agees", "Personnes âgées"),
    ("personnes-handicap", "Personnes en situation de handicap"),
    ("personnes-sans-emploi", "Personnes sans emploi"),
    ("travailleurs-pauvres", "Travailleurs pauvres"),
    ("travailleurs-independants", "Travailleurs indépendants"),
    ("travailleurs-agricoles", "Travailleurs agricoles"),
    ("jeunes", "Jeunes"),
    ("enfants", "Enfants"),
    ("situation-irreguliere", "Personnes en situation irrégulière"),
    ("violences-conjugales", "Victimes de violences conjugales"),
    ("errance", "Personnes en errance"),
    ("tutelle", "Personnes sous tutelle"),
]
DEMO_ACCOUNTS = [
    # (username, password, group): published in the README, so for a local demo only. Each
    # account has exactly its group's permissions (kb/migrations/0004 and 0007).
    ("animateur", "animateur-demo", "Animateur"),
    ("membre", "membre-demo", "Membre"),
]


def load(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def paragraphs(texts: list[str]) -> list[tuple[str, RichText]]:
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def paris(day: date, hhmm: str) -> datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=PARIS)


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help=(
                "Crée aussi les comptes de démonstration (mots de passe publics), même sans "
                "DJANGO_DEBUG ou sur une base qui a déjà de vrais comptes."
            ),
        )

    def handle(self, *args, **options):
        with transaction.atomic(), search_index_paused():
            self.created = 0
            self.vocabularies()
            home = self.home()
            self.territory_pages(home)
            self.fiches(home)
            events = self.events(home)
            self.library(home, events)
            self.coordinators()
            self.standard_pages(home)
            self.accounts(forced=options["with_accounts"])
            self.created += demo_contributions.load()
            self.created += demo_questions.load()
            self.created += demo_follows.load()
            self.created += demo_feedback.load()
            self.created += demo_feedback.load_usage()
            if self.created:
                search_index_rebuild()
            else:
                search_index_ensure_built()
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration : {self.created} créés."))

    # -- helpers -----------------------------------------------------------------

    def add_page(self, parent: Page, page: Page, *, members_only: bool = False) -> Page:
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing is not None:
            return existing.specific
        parent.add_child(instance=page)
        page.save_revision(log_action=False)
        if members_only:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))
        self.created += 1
        return page

    def get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self.created += created
        return obj

    # -- content -----------------------------------------------------------------

    def vocabularies(self):
        for order, (slug, name) in enumerate(AXES, start=1):
            self.get_or_create(Axis, slug=slug, defaults={"name": name, "order": order})
        for slug, name in PUBLICS:
            self.get_or_create(Public, slug=slug, defaults={"name": name})
        for row in load("territoires.json"):
            slug = ascii_slug(row["short_name"])
            if Territory.objects.filter(slug=slug).exclude(numero=row["numero"]).exists():
                slug = f"{slug}-{row['numero']}"
            self.get_or_create(
                Territory,
                numero=row["numero"],
                defaults={
                    "name": row["short_name"],
                    "slug": slug,
                    "porteur": row["porteur"],
                    "porteur_type": row["porteur_type"],
                    "departement": row["departement"],
                    "code_departement": row["code_departement"],
                    "region": row["region"],
                    "cohort": row["cohort"],
                    "description": row.get("description", ""),
                },
            )
        for name in MEMBER_GROUPS:
            self.get_or_create(Group, name=name)

    def home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            figures = load("chiffres.json")
            home = HomePage(
                title="Communauté apprenante Territoires Zéro Non-Recours",
                slug="accueil",
                intro=(
                    "Les fiches pratiques, les webinaires, les ressources et l'annuaire des "
                    "39 territoires engagés contre le non-recours aux droits sociaux."
                ),
                key_figures=[("figure", item) for item in figures["chiffres"]],
                testimonials=[
                    ("testimonial", {"text": item["text"], "source": item["author"]})
                    for item in figures["temoignages"]
                ],
            )
            root.add_child(instance=home)
            home.save_revision(log_action=False)
            self.created += 1
            site = Site.objects.filter(is_default_site=True).first()
            old_root = site.root_page if site else None
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": "localhost",
                    "port": 80,
                    "root_page": home,
                    "site_name": "Communauté TZNR",
                },
            )
            if old_root is not None and old_root.pk != home.pk and not old_root.get_children():
                old_root.delete()
        return home

    def territory_pages(self, home):
        self.add_page(
            home,
            TerritoryIndexPage(
                title="Territoires",
                slug="territoires",
                show_in_menus=True,
                intro="Les 39 territoires lauréats de l'expérimentation, par région.",
            ),
        )

    def fiches(self, home):
        index = self.add_page(
            home,
            FicheIndexPage(
                title="Fiches pratiques",
                slug="fiches",
                show_in_menus=True,
                intro=(
                    "Les actions menées par les territoires, classées par axe de travail : "
                    "ce qui a été fait, où, avec qui, et ce qu'il faut savoir pour s'en inspirer."
                ),
            ),
        )
        axes = {axis.slug: axis for axis in Axis.objects.all()}
        publics = {public.slug: public for public in Public.objects.all()}
        territories = {territory.numero: territory for territory in Territory.objects.all()}
        for item in load("fiches.json"):
            if index.get_children().filter(slug=item["slug"]).exists():
                continue
            fiche = FichePage(
                title=item["title"],
                slug=item["slug"],
                chapo=item["chapo"],
                body=paragraphs(item["body"]),
                axis=axes[item["axis"]],
                status=item["status"],
                year=item["year"],
                partners="\n".join(item.get("partners", [])),
                first_published_at=datetime(item["year"], 6, 1, tzinfo=PARIS),
            )
            fiche.territories = [territories[n] for n in item["territories"]]
            fiche.publics = [publics[slug] for slug in item.get("publics", [])]
            fiche.tags.add(*item.get("tags", []))
            self.add_page(index, fiche)

    def events(self, home) -> dict[date, EventPage]:
        index = self.add_page(
            home,
            EventIndexPage(
                title="Agenda",
                slug="evenements",
                show_in_menus=True,
                intro="Plénières, mensuelles, webinaires et journée thématique de la communauté.",
            ),
        )
        data = load("events.json")
        by_date: dict[date, EventPage] = {}

        def add(kind, day, title, item, mode=EventPage.Mode.BIMODAL):
            event = EventPage(
                title=title,
                slug=f"{ascii_slug(kind)}-{day.isoformat()}",
                kind=kind,
                start=paris(day, item["start"]),
                end=paris(day, item["end"]),
                mode=mode,
                place=item.get("place", ""),
                summary=item["description"],
                first_published_at=paris(day, "00:00"),
            )
            by_date[day] = self.add_page(index, event)

        for item in data["plenieres"]:
            add(EventPage.Kind.PLENIERE, date.fromisoformat(item["date"]), item["title"], item)
        for item in data["webinaires"]:
            title = f"Webinaire — {item['title']}"
            add(
                EventPage.Kind.WEBINAIRE,
                date.fromisoformat(item["date"]),
                title,
                item,
                EventPage.Mode.DISTANCIEL,
            )
        journee = data["journee_thematique"]
        add(EventPage.Kind.JOURNEE, date.fromisoformat(journee["date"]), journee["title"], journee)
        by_date.update(self.mensuelle_series(index, data["mensuelle"]))
        return by_date

    def mensuelle_series(self, index, item) -> dict[date, EventPage]:
        """The mensuelle: one series (2nd Thursday), its exceptions, occurrences kept in sync."""
        series = self.add_page(
            index,
            EventSeriesPage(
                title=item["title"],
                slug=item["slug"],
                kind=EventPage.Kind.MENSUELLE,
                mode=EventPage.Mode.DISTANCIEL,
                weekday=item["weekday"],
                week_of_month=item["week_of_month"],
                first_date=date.fromisoformat(item["first_date"]),
                until=date.fromisoformat(item["until"]),
                start_time=time.fromisoformat(item["start"]),
                end_time=time.fromisoformat(item["end"]),
                online_url=item["online_url"],
                registration_enabled=True,
                capacity=item["capacity"],
                summary=item["description"],
                exceptions=[
                    EventSeriesException(
                        original_date=date.fromisoformat(exception["original_date"]),
                        new_date=(
                            date.fromisoformat(exception["new_date"])
                            if exception.get("new_date")
                            else None
                        ),
                        note=exception.get("note", ""),
                    )
                    for exception in item["exceptions"]
                ],
                first_published_at=paris(date.fromisoformat(item["first_date"]), "00:00"),
            ),
        )
        self.created += series_sync_occurrences(series=series)["created"]
        return {page.start.astimezone(PARIS).date(): page for page in series.occurrences.all()}

    def library(self, home, events: dict[date, EventPage]):
        index = self.add_page(
            home,
            ResourceIndexPage(
                title="Ressources",
                slug="ressources",
                show_in_menus=True,
                intro="Enregistrements des webinaires et livrables de la communauté apprenante.",
            ),
        )
        axes = {axis.slug: axis for axis in Axis.objects.all()}
        territories = {territory.numero: territory for territory in Territory.objects.all()}
        video = None
        for item in load("recordings.json"):
            event = events.get(date.fromisoformat(item["event_date"]))
            slug = f"enregistrement-{item['event_date']}"
            if index.get_children().filter(slug=slug).exists():
                continue
            video = video or demo_files.demo_video()
            recording = RecordingPage(
                video=video,
                slides=demo_files.demo_document(
                    f"Support — {item['title']}",
                    f"support-{slug}.pdf",
                    demo_files.pdf_bytes(
                        item["title"], [c["title"] for c in item["chapters"]] + item["speakers"]
                    ),
                ),
                title=item["title"],
                slug=slug,
                event=event,
                summary=item["summary"],
                speakers="\n".join(item["speakers"]),
                chapters=[("chapter", chapter) for chapter in item["chapters"]],
                transcript=item["transcript"],
                axis=axes.get(item.get("axis") or ""),
                first_published_at=event.start if event else None,
            )
            recording.tags.add(*item.get("tags", []))
            self.add_page(index, recording)
        for item in load("resources.json"):
            if index.get_children().filter(slug=item["slug"]).exists():
                continue
            resource = ResourcePage(
                title=item["title"],
                slug=item["slug"],
                kind=item["kind"],
                summary=item["summary"],
                axis=axes.get(item.get("axis") or ""),
                year=item["year"],
            )
            resource.documents = demo_files.resource_documents(item)
            resource.territories = [territories[n] for n in item.get("territories", [])]
            resource.tags.add(*item.get("tags", []))
            self.add_page(index, resource, members_only=item.get("members_only", False))

    def coordinators(self):
        """One coordination entry per territory, with the axes and publics of its work
        (demo/data/annuaire.json, from the review's description of each territory)."""
        expertise = {row["territory"]: row for row in load("annuaire.json")}
        axes = {axis.slug: axis for axis in Axis.objects.all()}
        publics = {public.slug: public for public in Public.objects.all()}
        for territory in Territory.objects.all():
            coordinator, created = Coordinator.objects.get_or_create(
                territory=territory,
                name=f"Coordination TZNR — {territory.name}",
                defaults={
                    "role": "Coordination du projet TZNR",
                    "organisation": territory.porteur,
                    "email": f"tznr-{territory.slug}@example.org",
                },
            )
            self.created += created
            row = expertise.get(territory.numero)
            if created and row:
                coordinator.axes.set([axes[slug] for slug in row["axes"]])
                coordinator.publics.set([publics[slug] for slug in row["publics"]])

    def standard_pages(self, home):
        for title, slug, texts in [
            (
                "Données personnelles",
                "donnees-personnelles",
                [
                    "Responsable du traitement : la Direction générale de la cohésion sociale "
                    "(DGCS), qui anime la communauté apprenante des Territoires Zéro Non-Recours.",
                    "Finalité : l'annuaire des coordonnateurs sert à la mise en relation des "
                    "membres de la communauté (échanges entre pairs, invitations aux événements). "
                    "Les comptes servent à réserver l'espace membre aux équipes des territoires.",
                    "Base légale : le consentement de chaque personne, recueilli à la création de "
                    "sa fiche ; il peut être retiré à tout moment en supprimant la fiche.",
                    "Données : nom, fonction, territoire, structure, courriel et téléphone "
                    "professionnels, axes d'expertise et publics. Chaque personne choisit les "
                    "champs visibles des autres membres ; l'annuaire n'est visible que des "
                    "membres connectés et n'est jamais indexé par les moteurs de recherche.",
                    "Conservation : une fiche non confirmée depuis 12 mois est signalée à "
                    "l'équipe d'animation et masquée après 15 mois jusqu'à sa confirmation. Le "
                    "journal des exports de l'annuaire et les journaux de connexion sont "
                    "supprimés après 12 mois ; les invitations expirent après 7 jours.",
                    "Vos droits : depuis « Mon profil », vous consultez tout ce qui est conservé "
                    "sur vous, le corrigez, le téléchargez (JSON) et supprimez votre fiche, "
                    "aussitôt retirée de l'annuaire, de la recherche et des exports. Pour toute "
                    "autre demande, écrivez à l'équipe d'animation ; vous pouvez aussi saisir la "
                    "CNIL.",
                ],
            ),
            (
                "Mentions légales",
                "mentions-legales",
                [
                    "Site de démonstration de la base de connaissances de la communauté apprenante "
                    "des Territoires Zéro Non-Recours.",
                    "Éditeur : Direction générale de la cohésion sociale (DGCS). Directeur de la "
                    "publication : le directeur général de la cohésion sociale.",
                    "Sauf mention contraire, les contenus sont proposés sous licence ouverte "
                    "etalab-2.0. Les données personnelles sont traitées comme indiqué sur la page "
                    "« Données personnelles ».",
                ],
            ),
            (
                "Accessibilité",
                "accessibilite",
                [
                    "Ce site vise la conformité au référentiel général d'amélioration de "
                    "l'accessibilité (RGAA 4.1).",
                ],
            ),
        ]:
            self.add_page(home, StandardPage(title=title, slug=slug, body=paragraphs(texts)))

    def accounts(self, *, forced: bool):
        """The demo accounts, whose passwords the README publishes: created on a development
        database only (debug on, no real account yet), or when --with-accounts asks for them."""
        # The demo's other people (authors without a password) are not real accounts either.
        usernames = [username for username, _, _ in DEMO_ACCOUNTS] + demo_questions.usernames()
        if not forced:
            reason = (
                "DJANGO_DEBUG n'est pas activé"
                if not settings.DEBUG
                else "la base contient déjà de vrais comptes"
                if User.objects.exclude(username__in=usernames).exists()
                else ""
            )
            if reason:
                self.stderr.write(
                    f"Comptes de démonstration non créés : {reason} "
                    "(--with-accounts pour les créer quand même)."
                )
                return
        for username, password, group_name in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username, password=password, email=f"{username}@example.org"
                )
                self.created += 1
            # Exactly the group's permissions, also for an account made by an older demo.
            User.objects.filter(pk=user.pk).update(is_superuser=False, is_staff=False)
            user.user_permissions.clear()
            user.groups.set([Group.objects.get(name=group_name)])
