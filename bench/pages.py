"""The pages the benchmark measures, shared by bench/run.py (under load) and bench/measure.py
(queries and HTML size, in process).

Each page shows a bounded selection whatever the corpus (issue 23): its cost per request at
1k and at 100k documents is compared (bench/report.py). The directory is members-only."""

FLOORS = {
    "minimal_view": "/bench/minimal/",
    "static_file": "/static/css/site.css",
}
PAGES = {
    "home": "/",
    "fiche": "/fiches/bench-fiche-7/",
    "fiche_list": "/fiches/",
    "territory": "/territoires/grenoble/",
    "calendar": "/evenements/",
    "month": "/evenements/2025/3/",
    "recording": "/ressources/bench-enregistrement-0/",
    "library": "/ressources/",
    "directory": "/annuaire/",
    "search_page": "/recherche/?q=droits&kind=fiche",
    "observatory": "/observatoire/",
}
MEMBERS_ONLY = {"directory"}
NEVER_CACHED = {"search_page"}  # search results are `never_cache`
# Pages reported without the growth target, and why.
OWN_TARGETS = {
    "search_page": "search grows with its matches: its targets are the search API's",
    "observatory": "figures over the whole corpus, kept by its own cache: issue 21's targets",
}
BOUNDED = [name for name in PAGES if name not in OWN_TARGETS]
