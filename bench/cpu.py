"""CPU seconds spent by processes on this machine: ours, the PostgreSQL server, Elasticsearch.

Dividing the CPU a piece of work takes by the machine's cores gives the best rate any
schedule could reach here, whatever the overlap: the floor the benchmark's ratios sit on.
A snapshot maps each process to its CPU so far; `spent` compares two, so processes that
start or end in between (database connections) never make the sum go backwards.
"""

import json
import os
import urllib.request
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _seconds(pid: str) -> float | None:
    """utime + stime of one process, None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def processes(pids) -> dict[str, float]:
    return {pid: s for pid in map(str, pids) if (s := _seconds(pid)) is not None}


def postgres() -> dict[str, float]:
    """The PostgreSQL server's processes (the benchmark's cluster runs on this machine)."""
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == "postgres":
                pids.append(pid)
        except OSError:
            continue
    return processes(pids)


def elasticsearch(url: str) -> dict[str, float]:
    """The nodes' own account of their CPU (`_nodes/stats/process`)."""
    with urllib.request.urlopen(f"{url.rstrip('/')}/_nodes/stats/process", timeout=10) as answer:  # noqa: S310
        nodes = json.load(answer)["nodes"]
    return {name: node["process"]["cpu"]["total_in_millis"] / 1000 for name, node in nodes.items()}


def servers(elasticsearch_url: str = "", *, postgresql: bool = True) -> dict[str, dict]:
    """Snapshots of the servers a measure talks to, by server."""
    snapshot = {"postgresql": postgres()} if postgresql else {}
    if elasticsearch_url:
        snapshot["elasticsearch"] = elasticsearch(elasticsearch_url)
    return snapshot


def spent(before: dict[str, float], after: dict[str, float]) -> float:
    """CPU seconds between two snapshots of the same processes."""
    return sum(max(0.0, seconds - before.get(pid, 0.0)) for pid, seconds in after.items())


def cores() -> int:
    return os.cpu_count() or 1
