"""The site past one machine: two web servers and two task workers behind HAProxy, on a
two-node Elasticsearch cluster (`scripts/services.sh cluster`), tried through the balancer
only.

One stack serves the whole module (PostgreSQL + Elasticsearch pass): the copy of the test
database holds a public fiche, a second fiche list, an animator and a member
(tests/cluster/scenario.py). The animator restricts, unpublishes, publishes and moves the
fiche through the Wagtail admin while requests alternate between the servers; an
Elasticsearch node and a web server are stopped mid-traffic; both workers drain one queue.
"""

import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from tests import live_site
from tests.cluster.scenario import PASSWORD, RUNS_TABLE

ENGINE = settings.DATABASES["default"]["ENGINE"]
POSTGRES_AND_ELASTICSEARCH = bool(settings.ELASTICSEARCH_URL) and ENGINE.endswith("postgresql")
pytestmark = [
    pytest.mark.django_db,
    # Skipped before the database is even set up (TZNR_REQUIRE_ELASTICSEARCH fails instead).
    pytest.mark.skipif(
        not POSTGRES_AND_ELASTICSEARCH and not os.environ.get("TZNR_REQUIRE_ELASTICSEARCH"),
        reason="the cluster runs in the PostgreSQL + Elasticsearch pass (make test-full)",
    ),
]
SERVICES = [shutil.which("bash"), str(Path(settings.BASE_DIR) / "scripts" / "services.sh")]


def free_run(count: int, *, plus: int = 0) -> int:
    """The first of `count` consecutive loopback ports free now (and as many `plus` higher):
    other checkouts may run this module at the same time."""
    while True:
        base = random.randrange(20000, 30000)  # noqa: S311 (a port, not a secret)
        ports = [base + n for n in range(count)] + [base + plus + n for n in range(count) if plus]
        try:
            for port in ports:
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base


PORT = free_run(3)  # the balancer; the web servers on the next two ports
ES_PORT = free_run(2, plus=100)  # es1, es2; their transport ports 100 higher
BALANCER = f"http://127.0.0.1:{PORT}"
SERVERS = {"web1", "web2"}
SEARCH_WAIT = 15  # seconds for a worker to index a change (README « Production »)


def services(*args: str, env: dict[str, str], timeout: float = 240) -> str:
    result = subprocess.run(  # noqa: S603 (the project's script, loopback only)
        [*SERVICES, "cluster", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


class Visitor:
    """A browser of its own (cookies), one new connection to the balancer per request, so
    that each request is balanced anew. Answers (status, served by, headers, body)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 20):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
        headers = {"Host": "127.0.0.1"}
        body = None
        if data is not None:
            cookies = {**self.cookies, "csrftoken": live_site.CSRF_SECRET}
            data = {**data, "csrfmiddlewaretoken": live_site.CSRF_SECRET}
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            cookies = self.cookies
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if value and "expires=Thu, 01 Jan 1970" not in header:
                    self.cookies[name] = value
                else:
                    self.cookies.pop(name, None)
            return (
                response.status,
                response.getheader("X-Tznr-Server"),
                response.headers,
                response.read(),
            )
        finally:
            connection.close()

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None):
        return self.request("POST", path, data or {})

    def sign_in(self, username: str) -> None:
        status, *_ = self.post("/connexion/", {"username": username, "password": PASSWORD})
        assert status == 302 and "sessionid" in self.cookies, status


def on_both_servers(visitor: Visitor, path: str) -> dict[str, set[int]]:
    """Requests until each server answered three times (other clients' requests take turns
    too): the statuses each server gave."""
    statuses: dict[str, list[int]] = {}
    for _ in range(40):
        status, server, _, _ = visitor.get(path)
        statuses.setdefault(server, []).append(status)
        if set(statuses) == SERVERS and min(map(len, statuses.values())) >= 3:
            break
    assert set(statuses) == SERVERS, statuses
    return {server: set(answers) for server, answers in statuses.items()}


def search(visitor: Visitor, text: str) -> dict[str, dict]:
    """The API's answer from each server (requests alternate until both answered)."""
    answers: dict[str, dict] = {}
    for _ in range(20):
        status, server, _, body = visitor.get(f"/api/search/?q={text}")
        assert status == 200, body[:500]
        answers[server] = json.loads(body)
        if set(answers) == SERVERS:
            return answers
    raise AssertionError(f"only {set(answers)} answered")


def settled_search(visitor: Visitor, text: str, expected_total: int) -> dict:
    """Polls until both servers answer `expected_total` hits and agree exactly (hits, order,
    facet counts): the two requests follow each other, and a worker's indexing may land
    between them. Then both must have answered from Elasticsearch, not the fallback."""
    deadline = time.monotonic() + SEARCH_WAIT
    while True:
        answers = search(visitor, text)
        one, two = answers["web1"], answers["web2"]
        settled = one["total"] == two["total"] == expected_total and (
            one["hits"],
            one["facets"],
        ) == (two["hits"], two["facets"])
        if settled or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert (one["total"], two["total"]) == (expected_total, expected_total), answers
    assert one["engine"] == two["engine"] == "elasticsearch"
    assert not one.get("fallback") and not two.get("fallback")
    assert one["hits"] == two["hits"] and one["facets"] == two["facets"]
    return one


class Traffic:
    """Anonymous requests in a loop from a thread, each written down: (start, end, status,
    server). Stops when the block ends."""

    def __init__(self, path: str):
        self.path, self.log, self.stop = path, [], threading.Event()

    def __enter__(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self):
        visitor = Visitor()
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                status, server, _, body = visitor.get(self.path)
            except OSError as error:
                status, server, body = repr(error), None, b""
            self.log.append((started, time.monotonic(), status, server, body))

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(30)

    def after(self, moment: float):
        return [entry for entry in self.log if entry[0] > moment]


def restart_in_background(cluster: dict, name: str) -> None:
    """Starts a stopped process of the stack again while the next tests run."""
    cluster["restarts"][name] = subprocess.Popen(  # noqa: S603 (the project's script)
        [*SERVICES, "cluster", "start", name],
        env=cluster["env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def restarted(cluster: dict, name: str) -> None:
    process = cluster["restarts"].pop(name)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output[-2000:]


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    if not POSTGRES_AND_ELASTICSEARCH:
        pytest.fail("ELASTICSEARCH_URL and PostgreSQL are required for this run")
    # Elasticsearch runs as its own user when we are root: its nodes' folders must be
    # reachable, which pytest's temporary folders (mode 700) are not.
    folder = Path(tempfile.mkdtemp(prefix="tznr-cluster-"))
    folder.chmod(0o755)
    with django_db_blocker.unblock(), live_site.database_copy(folder) as url:
        env = live_site.site_env(
            url,
            DJANGO_SETTINGS_MODULE="tests.cluster.settings",
            TZNR_CLUSTER_DIR=str(folder / "stack"),
            TZNR_CLUSTER_PORT=str(PORT),
            TZNR_CLUSTER_ES_PORT=str(ES_PORT),
            TZNR_PAGE_CACHE_SECONDS="60",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
        )
        env.pop("ELASTICSEARCH_URL")
        # Indexed by the database engine now, by the cluster's Elasticsearch once it runs;
        # never by the session's Elasticsearch (its index belongs to the other tests).
        scene = live_site.site_call(url, "tests.cluster.scenario:prepare", ELASTICSEARCH_URL="")
        try:
            services("up", env=env)
            scene.update(env=env, database=url, restarts={})
            yield scene
        finally:
            for process in scene["restarts"].values():  # left running by a failed test
                process.communicate(timeout=120)
            services("down", env=env)
            status = services("status", env=env)
            shutil.rmtree(folder, ignore_errors=True)
        assert "running" not in status, status


def es_health() -> str:
    connection = http.client.HTTPConnection("127.0.0.1", ES_PORT, timeout=5)
    try:
        connection.request("GET", "/_cluster/health")
        return json.loads(connection.getresponse().read())["status"]
    finally:
        connection.close()


def test_the_balancer_sends_requests_to_both_servers_in_turn(cluster):
    servers = [Visitor().get("/healthz/")[1] for _ in range(6)]
    assert servers[0::2] == [servers[0]] * 3 and servers[1::2] == [servers[1]] * 3
    assert set(servers) == SERVERS


def test_an_animators_changes_reach_every_server_at_once_and_search_agrees(cluster):
    fiche, url = cluster["fiche"], cluster["url"]
    animator, member, anonymous = Visitor(), Visitor(), Visitor()
    animator.sign_in("animateur-grappe")
    member.sign_in("membre-grappe")

    # Public: both servers hold it in their anonymous page cache.
    assert on_both_servers(anonymous, url) == {"web1": {200}, "web2": {200}}
    assert settled_search(anonymous, "ornithorynque", 1)["hits"][0]["url"].endswith(url)

    # Restricted to members while anonymous requests keep coming: from the moment the
    # admin answered, no server serves it to anyone anonymous, cached or not.
    with Traffic(url) as traffic:
        time.sleep(0.3)  # some requests before the write (traffic, not a wait for a result)
        status, *_ = animator.post(f"/admin/pages/{fiche}/privacy/", {"restriction_type": "login"})
        written = time.monotonic()
        assert status == 200
        assert on_both_servers(anonymous, url) == {"web1": {302}, "web2": {302}}
    served = [entry for entry in traffic.after(written) if entry[2] == 200]
    assert not served and traffic.after(written), traffic.log[-3:]
    assert {entry[2] for entry in traffic.log if entry[0] < written - 0.1} == {200}
    assert on_both_servers(member, url) == {"web1": {200}, "web2": {200}}
    settled_search(anonymous, "ornithorynque", 0)
    settled_search(member, "ornithorynque", 1)

    # Public again, then unpublished: gone everywhere, for everyone.
    status, *_ = animator.post(f"/admin/pages/{fiche}/privacy/", {"restriction_type": "none"})
    assert status == 200
    assert on_both_servers(anonymous, url) == {"web1": {200}, "web2": {200}}
    status, *_ = animator.post(f"/admin/pages/{fiche}/unpublish/")
    assert status == 302
    assert on_both_servers(anonymous, url) == {"web1": {404}, "web2": {404}}
    assert on_both_servers(member, url) == {"web1": {404}, "web2": {404}}
    settled_search(member, "ornithorynque", 0)

    # Published again (the admin's bulk action), then moved to the other list.
    status, *_ = animator.post(f"/admin/bulk/wagtailcore/page/publish/?id={fiche}&next=/admin/")
    assert status == 302
    assert on_both_servers(anonymous, url) == {"web1": {200}, "web2": {200}}
    settled_search(anonymous, "ornithorynque", 1)
    status, *_ = animator.post(f"/admin/pages/{fiche}/move/{cluster['archives']}/confirm/")
    assert status == 302
    moved = "/archives/ornithorynque/"
    assert on_both_servers(anonymous, moved) == {"web1": {200}, "web2": {200}}
    assert on_both_servers(anonymous, url) == {"web1": {301}, "web2": {301}}
    hit = settled_search(anonymous, "ornithorynque", 1)["hits"][0]
    deadline = time.monotonic() + SEARCH_WAIT
    while not hit["url"].endswith(moved) and time.monotonic() < deadline:
        time.sleep(0.2)
        hit = settled_search(anonymous, "ornithorynque", 1)["hits"][0]
    assert hit["url"].endswith(moved)


def test_a_section_unpublished_leaves_every_servers_menu_at_once(cluster):
    """The menus are copies each worker keeps (kb.site_cache): a member's requests, which
    the anonymous page cache never sees, must not get a copy older than the change."""
    animator, member = Visitor(), Visitor()
    animator.sign_in("animateur-grappe")
    member.sign_in("membre-grappe")
    link = b'href="/chantiers/"'
    for _ in range(12):  # every worker of both servers copies the menu
        status, _, _, body = member.get("/")
        assert status == 200 and link in body
    status, *_ = animator.post(f"/admin/pages/{cluster['section']}/unpublish/")
    assert status == 302
    for _ in range(12):
        status, server, _, body = member.get("/")
        assert status == 200 and link not in body, server


def test_searches_keep_answering_while_an_elasticsearch_node_is_down(cluster):
    anonymous = Visitor()
    assert es_health() == "green"
    with Traffic("/api/search/?q=ornithorynque") as traffic:
        services("stop", "es2", env=cluster["env"])
        stopped = time.monotonic()
        assert es_health() == "yellow"
        while len(traffic.after(stopped)) < 10:
            time.sleep(0.05)
    for _, _, status, _, body in traffic.log:
        assert status == 200, body[:300]
        answer = json.loads(body)
        assert answer["engine"] == "elasticsearch" and answer["total"] == 1, answer
    settled_search(anonymous, "ornithorynque", 1)
    restart_in_background(cluster, "es2")  # the last test sees it back


def test_the_balancer_routes_around_a_stopped_web_server(cluster):
    with Traffic("/healthz/") as traffic:
        while len(traffic.log) < 10:
            time.sleep(0.05)
        services("stop", "web2", env=cluster["env"])
        stopped = time.monotonic()
        while len(traffic.after(stopped)) < 20:
            time.sleep(0.05)
    lost = [entry for entry in traffic.log if entry[2] != 200]
    assert len(lost) <= 1, lost  # at most the one in flight when it stopped
    assert {entry[3] for entry in traffic.after(stopped)[1:]} == {"web1"}
    assert {entry[3] for entry in traffic.log if entry[2] == 200} == SERVERS
    restart_in_background(cluster, "web2")  # the last test sees it back


def test_two_workers_drain_one_queue_without_running_a_task_twice(cluster):
    count = 24
    database = cluster["database"]
    env = {"DJANGO_SETTINGS_MODULE": "tests.cluster.settings", "ELASTICSEARCH_URL": ""}
    assert live_site.site_call(database, "tests.cluster.scenario:enqueue_runs", count, **env)
    deadline = time.monotonic() + 30
    while live_site.query(database, f"SELECT count(*) FROM {RUNS_TABLE}")[0][0] < count:  # noqa: S608
        assert time.monotonic() < deadline
        time.sleep(0.1)
    runs = live_site.query(database, f"SELECT number, pid FROM {RUNS_TABLE}")  # noqa: S608
    assert sorted(number for number, _ in runs) == list(range(count))  # each once
    assert len({pid for _, pid in runs}) == 2  # both workers took part


def test_the_stopped_node_and_server_come_back(cluster):
    restarted(cluster, "web2")
    restarted(cluster, "es2")
    assert es_health() == "green"
    assert on_both_servers(Visitor(), "/healthz/") == {"web1": {200}, "web2": {200}}
    settled_search(Visitor(), "ornithorynque", 1)
