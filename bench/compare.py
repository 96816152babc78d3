"""Runs of the benchmark before and after a change, side by side, as Markdown for RESULTS.md.

    python bench/compare.py "title" before1.json [before2.json …] -- after1.json [after2.json …]

Each figure shows every run (in order), so that the run-to-run noise of a shared machine is
in sight: the runs of one side measure the same code, their spread is the noise. A figure
is worse beyond the noise when every run after is worse than every run before.
"""

import json
import sys
from pathlib import Path

PAGES = ("minimal_view", "home", "fiche", "fiche_list", "search_page", "calendar")


def runs(paths: list[str]) -> list[dict]:
    return [json.loads(Path(path).read_text()) for path in paths]


def cell(values: list[float | None], digits: int = 1) -> str:
    return " · ".join("–" if v is None else f"{v:.{digits}f}" for v in values)


def verdict(before: list[float], after: list[float], *, lower_is_better: bool) -> str:
    if lower_is_better:
        worse, better = min(after) > max(before), max(after) < min(before)
    else:
        worse, better = max(after) < min(before), min(after) > max(before)
    return "worse" if worse else ("better" if better else "within noise")


def row(label: str, before: list, after: list, *, lower_is_better: bool, digits=1) -> str:
    return (
        f"| {label} | {cell(before, digits)} | {cell(after, digits)}"
        f" | {verdict(before, after, lower_is_better=lower_is_better)} |"
    )


def search_rows(before: list[dict], after: list[dict]) -> list[str]:
    rows = []
    for size in before[0]["postgresql"]:
        for engine, label in (("elasticsearch", "API, Elasticsearch"), ("database", "database")):
            for stat in ("p50_ms", "p95_ms"):

                def values(side, size=size, engine=engine, stat=stat):
                    return [run["postgresql"][size]["search"][engine][stat] for run in side]

                rows.append(
                    row(
                        f"{size} PostgreSQL, {label}, {stat[:3]}",
                        values(before),
                        values(after),
                        lower_is_better=True,
                    )
                )
    for size in before[0].get("sqlite", {}):
        for stat in ("p50_ms", "p95_ms"):

            def values(side, size=size, stat=stat):
                return [run["sqlite"][size]["search"]["database"][stat] for run in side]

            rows.append(
                row(
                    f"{size} SQLite, database, {stat[:3]}",
                    values(before),
                    values(after),
                    lower_is_better=True,
                )
            )
    return rows


def page_rows(before: list[dict], after: list[dict], figure: str, digits: int) -> list[str]:
    rows = []
    for size in before[0]["postgresql"]:
        for name in PAGES:

            def values(side, size=size, name=name):
                return [run["postgresql"][size]["pages"][name][figure] for run in side]

            rows.append(
                row(
                    f"{size} {name}",
                    values(before),
                    values(after),
                    lower_is_better=figure.startswith("cpu"),
                    digits=digits,
                )
            )
    return rows


def query_rows(before: list[dict], after: list[dict]) -> list[str]:
    size = sorted(before[0]["postgresql"])[-1]
    rows = []
    for name, figures in before[0]["postgresql"][size]["queries"].items():
        if name == "documents":
            continue
        after_figures = after[-1]["postgresql"][size]["queries"][name]
        rows.append(f"| {name} | {figures['queries']} | {after_figures['queries']} |")
    return rows


def section(title: str, before: list[dict], after: list[dict]) -> str:
    def started(side):
        return "; ".join(
            f"{run['date']} (load {run['machine']['load_average_at_start'][0]:.1f})" for run in side
        )

    table = ["| figure | before | after | verdict |", "| --- | --- | --- | --- |"]
    return "\n".join(
        [
            f"## {title}",
            "",
            f"`make bench-quick` runs before ({started(before)}) and after ({started(after)}),"
            " on the same 2-core machine shared with other jobs (load average at start in"
            " brackets). Each cell lists the runs in order: their spread is the noise; a"
            " figure is *worse* only when every run after is worse than every run before.",
            "",
            "Search — `/api/search/`, ms:",
            "",
            *table,
            *search_rows(before, after),
            "",
            "Pages under load, server CPU per request (ms; workers, PostgreSQL, Elasticsearch —"
            " less sensitive to the machine's load than requests/s):",
            "",
            *table,
            *page_rows(before, after, "cpu_ms_per_request", 2),
            "",
            "Pages under load, requests/s (uncached):",
            "",
            *table,
            *page_rows(before, after, "rps", 1),
            "",
            "SQL queries per page (largest corpus, uncached, second request):",
            "",
            "| page | before | after |",
            "| --- | --- | --- |",
            *query_rows(before, after),
            "",
        ]
    )


if __name__ == "__main__":
    title, *paths = sys.argv[1:]
    split = paths.index("--")
    print(section(title, runs(paths[:split]), runs(paths[split + 1 :])))
