"""The benchmark: load N documents with the project's commands, measure, write the results.

    python bench/run.py --sizes 1000,100000 --sqlite 10000      # make bench
    python bench/run.py --sizes 1000,10000 --sqlite 10000 --quick   # make bench-quick

PostgreSQL and Elasticsearch are the servers `scripts/services.sh` starts (never stopped
here). Each size gets its own database `tznr_bench_<size>` and the index prefix
`tznr-bench` (both followed by `TZNR_TEST_SUFFIX` when set, so checkouts sharing the servers
never drop each other's corpus); results go to bench/results/*.json and bench/RESULTS.md
(bench/report.py).
Measurements are interleaved and repeated; ratios are what to compare across machines.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cpu  # noqa: E402

BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
VAR = ROOT / "var" / "bench"
WRK_SCRIPT = BENCH / "wrk_report.lua"
PAGE_URLS = {
    "minimal_view": "/bench/minimal/",
    "static_file": "/static/css/site.css",
    "home": "/",
    "fiche": "/fiches/bench-fiche-7/",
    "fiche_list": "/fiches/",
    "search_page": "/recherche/?q=droits&kind=fiche",
    "calendar": "/evenements/",
    "observatory": "/observatoire/",
}
FLOORS = ("minimal_view", "static_file")
SUFFIX = os.environ.get("TZNR_TEST_SUFFIX", "").lower()
INDEX_PREFIX = f"tznr-bench{SUFFIX.replace('_', '-')}"


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def services_env() -> dict[str, str]:
    output = subprocess.run(
        ["bash", str(ROOT / "scripts" / "services.sh"), "env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(re.findall(r"export (\w+)=(\S+)", output))


def base_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ELASTICSEARCH_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-not-secret",  # noqa: S106
        DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback: pages, not redirects
        DJANGO_LOG_LEVEL="WARNING",
        ELASTICSEARCH_INDEX_PREFIX=INDEX_PREFIX,
        ELASTICSEARCH_TIMEOUT="30",
        TZNR_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def run(args: list[str], env: dict[str, str], *, capture: bool = False) -> str:
    command = ["nice", "-n", "10", *args]
    result = subprocess.run(
        command, cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    return result.stdout if capture else ""


def manage(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    run([PYTHON, "manage.py", *args, "-v", "0"], env)
    return time.perf_counter() - started


def measure(env: dict[str, str], stage: str) -> dict:
    output = run([PYTHON, str(BENCH / "measure.py"), stage], env, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def psql(env: dict[str, str], sql: str) -> None:
    url = env["DATABASE_URL"]
    subprocess.run(["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc", sql], check=True)


def prepare(env: dict[str, str], size: int) -> dict:
    """A fresh database with the demo and `size` generated pages, both indexes rebuilt."""
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo")
    load_s = manage(env, "bench_load", str(size))
    return {"bench_load_s": load_s}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str], cache_seconds: int, workers: int) -> tuple:
    port = free_port()
    server_env = {**env, "TZNR_PAGE_CACHE_SECONDS": str(cache_seconds)}
    if cache_seconds == 0:  # uncached: the observatory computes its figures on each request
        server_env["TZNR_OBSERVATORY_CACHE_SECONDS"] = "0"
    process = subprocess.Popen(
        [
            "nice",
            "-n",
            "10",
            GUNICORN,
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/minimal/", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    return process, port


def stop_server(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:  # a worker still busy with a slow page
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def workers(process) -> list[str]:
    """The server's worker processes (`nice` execs gunicorn, whose children they are)."""
    return subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()


def server_cpu(process) -> dict[str, float]:
    """CPU so far of what serves pages: the workers, PostgreSQL, Elasticsearch (search)."""
    snapshot = cpu.processes(workers(process))  # keyed by pid, as PostgreSQL's are
    for server in cpu.servers(os.environ.get("ELASTICSEARCH_URL", "")).values():
        snapshot |= server
    return snapshot


def worker_peak_rss_mb(process) -> float:
    """Peak resident memory (VmHWM) of the server's worker processes."""
    peaks = []
    for pid in workers(process):
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
    return round(max(peaks), 1) if peaks else 0.0


def wrk(port: int, path: str, seconds: int, connections: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(WRK_SCRIPT),
            "-H",
            "Host: localhost",
            f"http://127.0.0.1:{port}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    requests, errors, seconds_run, p50, p95 = re.search(
        r"BENCH (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", output
    ).groups()
    return {
        "requests": int(requests),
        "rps": int(requests) / float(seconds_run),
        "errors": int(errors),
        "p50_ms": float(p50),
        "p95_ms": float(p95),
    }


def require_ok(port: int, path: str) -> None:
    """Load only pages that answer 200 (a redirect or an error would be measured instead)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"}
    )
    with opener.open(request, timeout=120) as response:
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}, not 200")


def wait_idle(port: int, limit: float = 90) -> None:
    """Let the workers finish requests still queued from the last run (slow pages)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/minimal/", timeout=30)
        except OSError:
            continue
        if time.monotonic() - started < 0.5:
            return


def load(server, port: int, path: str, seconds: int, connections: int) -> dict:
    """One wrk run, and the server-side CPU (workers, databases) it cost per request."""
    before = server_cpu(server)
    figures = wrk(port, path, seconds, connections)
    wait_idle(port)  # requests still queued are part of the run's cost
    spent = cpu.spent(before, server_cpu(server))
    figures["cpu_ms_per_request"] = spent * 1000 / max(figures["requests"], 1)
    return figures


def pages(env: dict[str, str], passes: int, seconds: int, connections: int) -> dict:
    """Requests/s and p95 per page, uncached and cached, beside the floors; interleaved."""
    uncached, uncached_port = start_server(env, 0, 2)
    cached, cached_port = start_server(env, 300, 2)
    runs: dict[str, list[dict]] = {}
    try:
        for port in (uncached_port, cached_port):
            for path in PAGE_URLS.values():
                require_ok(port, path)
        for _ in range(passes):
            for name, path in PAGE_URLS.items():
                runs.setdefault(name, []).append(
                    load(uncached, uncached_port, path, seconds, connections)
                )
                if name not in FLOORS:
                    runs.setdefault(f"{name}:cached", []).append(
                        load(cached, cached_port, path, seconds, connections)
                    )
        memory = max(worker_peak_rss_mb(uncached), worker_peak_rss_mb(cached))
    finally:
        stop_server(uncached)
        stop_server(cached)
    result = {}
    for name, samples in runs.items():
        rps = sorted(s["rps"] for s in samples)
        p95 = sorted(s["p95_ms"] for s in samples)
        cpu_ms = sorted(s["cpu_ms_per_request"] for s in samples)
        result[name] = {
            "rps": round(rps[len(rps) // 2], 1),
            "p95_ms": round(p95[len(p95) // 2], 2),
            "cpu_ms_per_request": round(cpu_ms[len(cpu_ms) // 2], 2),
            "errors": sum(s["errors"] for s in samples),
        }
    floor = result["minimal_view"]["rps"] or 1.0
    for figures in result.values():
        figures["ratio_to_minimal_view"] = round(figures["rps"] / floor, 3)
    result["worker_peak_rss_mb"] = memory
    result["settings"] = {
        "server": "gunicorn, 2 sync workers, DJANGO_DEBUG=0",
        "load": f"wrk -t2 -c{connections}, {seconds}s x {passes} passes, median",
    }
    return result


def elasticsearch_memory(url: str) -> dict:
    def get(path: str):
        with urllib.request.urlopen(f"{url}{path}", timeout=10) as response:  # noqa: S310
            return json.load(response)

    nodes = get("/_nodes/stats/jvm,indices?filter_path=nodes.*.jvm.mem,nodes.*.indices.segments")
    node = next(iter(nodes["nodes"].values()))
    indices = get(f"/_cat/indices/{INDEX_PREFIX}-search*?format=json&bytes=b")
    return {
        "heap_max_mb": round(node["jvm"]["mem"]["heap_max_in_bytes"] / 2**20, 1),
        "heap_used_mb": round(node["jvm"]["mem"]["heap_used_in_bytes"] / 2**20, 1),
        "heap_used_peak_mb": round(
            node["jvm"]["mem"].get("pools", {}).get("old", {}).get("peak_used_in_bytes", 0) / 2**20,
            1,
        ),
        "index_docs": sum(int(i["docs.count"]) for i in indices),
        "index_store_mb": round(sum(int(i["store.size"]) for i in indices) / 2**20, 1),
        "note": "heap of the shared node (other indexes live there too)",
    }


def postgres_size(env: dict[str, str], passes: int, args, result: dict, save) -> dict:
    size = args.size
    env = {**env, **services_env()}
    database = f"tznr_bench{SUFFIX}_{label(size)}"
    env["DATABASE_URL"] = env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{database}"
    log(f"PostgreSQL + Elasticsearch, {size} documents: database {database}")
    if args.reuse:
        log("reusing the database loaded by a previous run (--reuse)")
        result["bench_load_s"] = None
    else:
        psql(env, f"DROP DATABASE IF EXISTS {database}")
        psql(env, f"CREATE DATABASE {database} OWNER tznr")
        result.update(prepare(env, size))
    if "indexing" in args.stages:
        log("indexing")
        result["indexing"] = measure(env, "indexing")
        save()
    if "search" in args.stages:
        log("search")
        result["search"] = measure({**env, "BENCH_PASSES": str(passes)}, "search")
        save()
    if "queries" in args.stages:
        log("SQL queries per page")
        result["queries"] = measure(env, "queries")
        save()
    if "observatory" in args.stages:
        log("observatory, uncached and cached")
        result["observatory"] = measure({**env, "BENCH_PASSES": str(passes)}, "observatory")
        save()
    if args.pages and shutil.which("wrk") is None:
        log("wrk is not installed (apt-get install wrk): pages under load skipped")
    elif args.pages and "pages" in args.stages:
        log("pages under load")
        result["pages"] = pages(env, args.page_passes, args.wrk_seconds, args.connections)
    result["elasticsearch_memory"] = elasticsearch_memory(env["ELASTICSEARCH_URL"])
    if args.drop:
        psql(env, f"DROP DATABASE IF EXISTS {database}")
    return result


def sqlite_size(env: dict[str, str], size: int, passes: int) -> dict:
    var_dir = VAR / f"sqlite-{label(size)}"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env = {**base_env(var_dir)}
    log(f"SQLite (embedded default), {size} documents")
    result = prepare(env, size)
    result["indexing"] = measure(env, "indexing")
    result["search"] = measure({**env, "BENCH_PASSES": str(passes)}, "search")
    shutil.rmtree(var_dir, ignore_errors=True)
    return result


def versions(env: dict[str, str]) -> dict:
    code = (
        "import django, wagtail, elasticsearch, gunicorn, sqlite3;"
        "print(django.get_version(), wagtail.__version__, elasticsearch.__versionstr__,"
        " gunicorn.__version__, sqlite3.sqlite_version)"
    )
    django_v, wagtail_v, es_client, gunicorn_v, sqlite_v = run(
        [PYTHON, "-c", code], env, capture=True
    ).split()
    services = services_env()
    with urllib.request.urlopen(services["ELASTICSEARCH_URL"], timeout=10) as response:  # noqa: S310
        es_server = json.load(response)["version"]["number"]
    pg_server = subprocess.run(
        ["psql", services["DATABASE_URL"], "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    return {
        "python": platform.python_version(),
        "django": django_v,
        "wagtail": wagtail_v,
        "elasticsearch_client": es_client,
        "elasticsearch_server": es_server,
        "postgresql": pg_server,
        "sqlite": sqlite_v,
        "gunicorn": gunicorn_v,
        "wrk": wrk_version,
    }


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 2**20, 1),
        "load_average_at_start": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--sqlite", type=int, default=10000, help="0 to skip")
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--page-passes", type=int, default=3)
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--name", default="full")
    parser.add_argument("--no-pages", dest="pages", action="store_false")
    parser.add_argument("--keep", dest="drop", action="store_false", help="keep the databases")
    parser.add_argument("--reuse", action="store_true", help="reuse loaded databases")
    parser.add_argument("--stages", default="indexing,search,queries,observatory,pages")
    args = parser.parse_args()
    started = time.perf_counter()
    env = base_env(VAR)
    VAR.mkdir(parents=True, exist_ok=True)
    results = {
        "name": args.name,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(env),
        "postgresql": {},
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")

    def save() -> None:
        results["duration_s"] = round(time.perf_counter() - started, 1)
        for path in (RESULTS / f"{args.name}-{stamp}.json", RESULTS / f"{args.name}.json"):
            path.write_text(json.dumps(results, indent=2, default=str) + "\n")

    for size in [int(s) for s in args.sizes.split(",") if s]:
        args.size = size
        results["postgresql"][label(size)] = {}
        postgres_size(env, args.passes, args, results["postgresql"][label(size)], save)
        save()
    if args.sqlite:
        results["sqlite"] = {label(args.sqlite): sqlite_size(env, args.sqlite, args.passes)}
    save()
    run([PYTHON, str(BENCH / "report.py"), args.name], env)
    log(f"done in {results['duration_s']:.0f} s: bench/results/{args.name}.json, bench/RESULTS.md")


if __name__ == "__main__":
    sys.exit(main())
