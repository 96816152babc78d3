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
}
MEMBERS_ONLY = {"directory"}
NEVER_CACHED = {"search_page"}  # search results are `never_cache`
BOUNDED = [name for name in PAGES if name != "search_page"]  # search grows with its matches
