"""The review's figures (kb.figures.Figure), drawn from the counts of a scope.

The observatory shows these, then the figures other apps register (kb.figures): all go
through the same chart, table, summary and CSV.
"""

from collections import Counter

from kb.figures import Figure, Row, Scope, Series, figures_for
from kb.models import FichePage, Territory
from observatory.cache import remember
from observatory.selectors import STATUSES, Counts, counts_for, scope_key, vocabulary

ACTIONS = Series("actions", "Actions")
TERRITORIES = Series("territoires", "Territoires", unit=("territoire", "territoires"))
STATUS_SERIES = tuple(Series(status.value, status.label) for status in STATUSES)
PORTEUR_LABELS = dict(Territory.PorteurType.choices)


def _plural(number: int, one: str, many: str) -> str:
    return f"{number} {one if number in (0, 1) else many}"


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "0 %"


def _leader(rows: list[Row]) -> Row | None:
    best = max(rows, key=lambda row: row.values[-1], default=None)
    return best if best is not None and best.values[-1] > 0 else None


def axes_figure(counts: Counts) -> Figure:
    rows = [Row(slug, name, (counts.by_axis[pk],)) for pk, slug, name in vocabulary().axes]
    leader = _leader(rows)
    summary = f"{_plural(counts.fiches, 'action publiée', 'actions publiées')}."
    if leader:
        summary += (
            f" L'axe le plus représenté est « {leader.label} » "
            f"({ACTIONS.format(leader.values[0])}, {_share(leader.values[0], counts.fiches)})."
        )
    return Figure(
        key="axes",
        title="Actions par axe de travail",
        summary=summary,
        category="Axe de travail",
        series=(ACTIONS,),
        rows=tuple(rows),
        note="Chaque action compte une fois, sous son axe.",
    )


def states_figure(counts: Counts) -> Figure:
    cohorts = sorted({vocabulary().territories[pk].cohort for pk in counts.territories})
    rows = [
        Row("ensemble", "Ensemble des actions", tuple(counts.by_status[s] for s in STATUSES))
    ] + [
        Row(
            f"{cohort}",
            f"Territoires démarrés en {cohort}",
            tuple(counts.group("cohort", cohort, status) for status in STATUSES),
        )
        for cohort in cohorts
    ]
    parts = ", ".join(f"{counts.by_status[status]} {status.label.lower()}" for status in STATUSES)
    summary = f"Sur {_plural(counts.fiches, 'action', 'actions')} : {parts}."
    for row in rows[1:]:
        total = sum(row.values)
        if total:
            summary += (
                f" {row.label} : {_plural(total, 'action', 'actions')}, dont "
                f"{_share(row.values[-1], total)} terminées."
            )
    return Figure(
        key="etats",
        title="État d'avancement des actions, par année de démarrage du territoire",
        summary=summary,
        category="Actions",
        series=STATUS_SERIES,
        rows=tuple(rows),
        note=(
            "Une action partagée par des territoires des deux cohortes compte dans chacune ; "
            "« Ensemble » la compte une fois."
        ),
    )


def publics_figure(counts: Counts) -> Figure:
    rows = [Row(slug, name, (counts.by_public[pk],)) for pk, slug, name in vocabulary().publics]
    reached = sum(1 for row in rows if row.values[0])
    leader = _leader(rows)
    summary = (
        f"{_plural(reached, 'public est visé', 'publics sont visés')} par au moins une action."
    )
    if leader:
        summary += f" Le plus cité : « {leader.label} » ({ACTIONS.format(leader.values[0])})."
    return Figure(
        key="publics",
        title="Publics visés par les actions",
        summary=summary,
        category="Public cible",
        series=(ACTIONS,),
        rows=tuple(rows),
        note="Une action peut viser plusieurs publics, ou n'en préciser aucun.",
    )


def _territory_groups(counts: Counts, name: str, labels: dict) -> list[Row]:
    """Territories and actions per value of a territory's `name` (région, type of porteur)."""
    territories = vocabulary().territories
    members = Counter(getattr(territories[pk], name) for pk in counts.territories)
    return [
        Row(
            f"{key}",
            labels.get(key, f"{key}"),
            (members[key], sum(counts.group(name, key, status) for status in STATUSES)),
        )
        for key in sorted(members, key=lambda key: labels.get(key, f"{key}"))
    ]


def porteurs_figure(counts: Counts) -> Figure:
    rows = _territory_groups(counts, "porteur_type", PORTEUR_LABELS)
    parts = ", ".join(f"{row.values[0]} {row.label.lower()}" for row in rows)
    return Figure(
        key="porteurs",
        title="Territoires et actions par type de porteur",
        summary=f"{_plural(len(counts.territories), 'territoire', 'territoires')}"
        + (f" : {parts}." if parts else "."),
        category="Type de porteur",
        series=(TERRITORIES, ACTIONS),
        rows=tuple(rows),
        note="Les territoires comptés sont les lauréats retenus par les filtres de territoire ; "
        "les actions, celles qu'ils portent.",
    )


def regions_figure(counts: Counts) -> Figure:
    rows = _territory_groups(counts, "region", {})
    leader = max(rows, key=lambda row: row.values[0], default=None)
    summary = f"{_plural(len(rows), 'région', 'régions')}."
    if leader:
        summary = (
            f"Les territoires se répartissent dans {summary[:-1]} ; la mieux représentée est "
            f"{leader.label} ({TERRITORIES.format(leader.values[0])}, "
            f"{ACTIONS.format(leader.values[1])})."
        )
    return Figure(
        key="regions",
        title="Territoires et actions par région",
        summary=summary,
        category="Région",
        series=(TERRITORIES, ACTIONS),
        rows=tuple(rows),
    )


def review_figures(scope: Scope) -> list[Figure]:
    """The review's charts for `scope`, then those other apps register (all kept until the
    next change, observatory.cache)."""

    def compute() -> list[Figure]:
        counts = counts_for(scope)
        own = [
            axes_figure(counts),
            states_figure(counts),
            publics_figure(counts),
            porteurs_figure(counts),
            regions_figure(counts),
        ]
        return own + figures_for(scope)

    return remember(f"figures:{scope_key(scope)}", compute)


def territory_figures(territory: Territory) -> list[Figure]:
    """A territory's actions by axis, state and public, beside the national figures, then
    what other apps register for the territory (kept until the next change)."""
    return remember(f"territory-figures:{territory.pk}", lambda: _territory_figures(territory))


def _territory_figures(territory: Territory) -> list[Figure]:
    local, national = counts_for(Scope(territory=territory.slug)), counts_for(Scope())
    here = Series("territoire", territory.name)
    everywhere = Series("national", "Tous les territoires")
    series = (here, everywhere)
    words = vocabulary()

    def compare(key, title, category, rows, what) -> Figure:
        summary = (
            f"{territory.name} : {_plural(local.fiches, 'action publiée', 'actions publiées')} "
            f"sur {national.fiches} pour l'ensemble des territoires."
        )
        leader = _leader([Row(r.key, r.label, (r.values[0],)) for r in rows])
        if leader:
            summary += f" {what} le plus fréquent ici : « {leader.label} »."
        return Figure(
            key=key,
            title=title,
            summary=summary,
            category=category,
            series=series,
            rows=tuple(rows),
            filters=frozenset(),
        )

    status_labels = dict(FichePage.Status.choices)
    own = [
        compare(
            "axes",
            "Actions par axe de travail",
            "Axe de travail",
            [
                Row(slug, name, (local.by_axis[pk], national.by_axis[pk]))
                for pk, slug, name in words.axes
            ],
            "Axe",
        ),
        compare(
            "etats",
            "Actions par état d'avancement",
            "État d'avancement",
            [
                Row(s.value, status_labels[s], (local.by_status[s], national.by_status[s]))
                for s in STATUSES
            ],
            "État",
        ),
        compare(
            "publics",
            "Publics visés",
            "Public cible",
            [
                Row(slug, name, (local.by_public[pk], national.by_public[pk]))
                for pk, slug, name in words.publics
            ],
            "Public",
        ),
    ]
    return own + figures_for(Scope(territory=territory.slug))


def territory_action_counts(scope: Scope) -> dict[int, int]:
    """Actions per territory of the scope (the map): territory id -> fiches."""
    counts = counts_for(scope)
    return {pk: counts.territory_total(pk) for pk in counts.territories}


def territories_figure(scope: Scope) -> Figure:
    """Actions per territory (the map's figures: its list and its CSV)."""
    actions = territory_action_counts(scope)
    territories = sorted(
        (vocabulary().territories[pk] for pk in actions), key=lambda territory: territory.name
    )
    rows = tuple(Row(t.slug, t.name, (actions[t.pk],)) for t in territories)
    active = sum(1 for row in rows if row.values[0])
    return Figure(
        key="territoires",
        title="Actions par territoire",
        summary=f"{_plural(active, 'territoire a', 'territoires ont')} au moins une action "
        f"publiée, sur {_plural(len(rows), 'territoire', 'territoires')}.",
        category="Territoire",
        series=(ACTIONS,),
        rows=rows,
    )
