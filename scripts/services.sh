#!/usr/bin/env bash
# Local PostgreSQL and Elasticsearch 8 servers for the test suite.
#
# Usage: scripts/services.sh {up|postgres|elasticsearch|env|stop|status|cluster ...}
#
#   up             postgres + elasticsearch
#   postgres       install if needed and start PostgreSQL on 127.0.0.1:$PGPORT
#   elasticsearch  download if needed and start Elasticsearch on 127.0.0.1:$ESPORT
#   env            print the export lines to eval: eval "$(scripts/services.sh env)"
#   stop           stop the servers this script started (never someone else's)
#   status         tell what answers on both ports
#   cluster up|down|status         the local multi-server stack (README « Production »):
#                  two Elasticsearch nodes, two web servers, two task workers, HAProxy
#   cluster start|stop NAME        one of its processes: es1 es2 web1 web2 worker1 worker2
#                  balancer (es2 restarts with its data and rejoins)
#
# Every step is skipped when its result is already there, so a second run only
# checks that both servers answer. Data, installs and services.log (installer
# output) go to the cache dir: ${XDG_CACHE_HOME:-~/.cache}/tznr, or /var/cache/tznr
# for root when the service users cannot reach that one.
#
# Environment: PGPORT (54329), ESPORT (9200), TZNR_CACHE_DIR (cache dir),
# TZNR_ES_JAVA_HOME or ES_JAVA_HOME (JDK for Elasticsearch, default: newest
# JDK 17..25 found), M2_REPO (Maven local repository, ~/.m2/repository).
# The cluster: TZNR_CLUSTER_DIR (var/cluster), TZNR_CLUSTER_PORT (8100: the balancer, then
# web1 and web2), TZNR_CLUSTER_ES_PORT (9201: es1, then es2; transport ports 100 higher);
# the web servers and workers get this environment (DATABASE_URL: a database of their own,
# tznr_cluster on the PostgreSQL above, when unset).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR

readonly PGPORT=${PGPORT:-54329}
readonly PG_USER=tznr PG_PASSWORD=tznr PG_DB=tznr

readonly ES_VERSION=8.19.21
readonly ES_ARTIFACT=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip
readonly ESPORT=${ESPORT:-9200}
readonly ES_HEAP=512m
readonly ES_USER=elasticsearch
readonly M2_REPO=${M2_REPO:-$HOME/.m2/repository}

# ---------------------------------------------------------------- helpers

readonly NAME=services.sh
# shellcheck source=scripts/lib.sh
source "$SCRIPT_DIR/lib.sh"

# The servers run as unprivileged system users when we are root, and on Debian
# /root is mode 700: those users could not reach ~/.cache, so root falls back
# to /var/cache/tznr.
default_cache_dir() {
    local dir=${XDG_CACHE_HOME:-$HOME/.cache}/tznr probe
    if is_root; then
        probe=$dir
        while [[ ! -e $probe ]]; do probe=$(dirname "$probe"); done
        runuser -u nobody -- test -x "$probe" 2>/dev/null || dir=/var/cache/tznr
    fi
    printf '%s' "$dir"
}

readonly CACHE_DIR=${TZNR_CACHE_DIR:-$(default_cache_dir)}
readonly LOG=$CACHE_DIR/services.log
readonly PGDATA_DIR=$CACHE_DIR/pgdata
readonly PG_SOCKET_DIR=$CACHE_DIR/pgsocket
readonly PG_LOGFILE=$CACHE_DIR/postgresql.log
readonly ES_HOME=$CACHE_DIR/elasticsearch-$ES_VERSION
readonly ES_DATA=$CACHE_DIR/es-data
readonly ES_LOGS=$CACHE_DIR/es-logs
readonly ES_PIDFILE=$ES_LOGS/elasticsearch.pid
readonly ES_PLUGIN_SRC=$SCRIPT_DIR/es-analysis-plugin

# Run a command as a service user when root, as ourselves otherwise.
as_user() {
    local user=$1; shift
    if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# Give a service user the files and directories it writes to (missing ones are
# created as directories). Only root changes owners.
give_to() {
    local user=$1 path; shift
    for path in "$@"; do [[ -e $path ]] || mkdir -p "$path"; done
    is_root || return 0
    chown -R "$user:" "$@"
}

ensure_system_user() {
    local user=$1
    is_root || return 0
    id -u "$user" >/dev/null 2>&1 && return 0
    say "creating system user $user"
    logged useradd --system --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin --user-group "$user"
}

# ---------------------------------------------------------------- postgres

pg_answers() {
    have psql || return 1
    PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=3 psql -X -h 127.0.0.1 -p "$PGPORT" \
        -U "$PG_USER" -d "$PG_DB" -Atqc 'select 1' >/dev/null 2>&1
}

pg_port_in_use() {
    have pg_isready && pg_isready -q -h 127.0.0.1 -p "$PGPORT" -t 2
}

pg_bindir() {
    local dir
    if have pg_ctl && have initdb; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        [[ -x $dir/pg_ctl && -x $dir/initdb ]] && { printf '%s\n' "$dir"; return 0; }
    done
    return 1
}

ensure_pg_installed() {
    local bindir
    if ! bindir=$(pg_bindir) || ! have psql; then
        # Debian's postinst may create and start its own "main" cluster on 5432:
        # we do not use it and leave it alone.
        apt_install postgresql postgresql-contrib
        bindir=$(pg_bindir) || die "PostgreSQL binaries not found after install"
    fi
    PG_BIN=$bindir
    local sharedir
    sharedir=$("$PG_BIN/pg_config" --sharedir 2>/dev/null \
        || echo "/usr/share/postgresql/$("$PG_BIN/postgres" -V | grep -oE '[0-9]+' | head -1)")
    [[ -f $sharedir/extension/unaccent.control ]] || apt_install postgresql-contrib
}

pg_ctl_as_owner() { as_user postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" "$@"; }

# Is our server running? After a reboot postmaster.pid may name a pid that now
# belongs to another process, which makes postgres refuse to start: check that
# the pid really is a postgres on our data dir, and drop the stale file if not.
pg_running() {
    local lock=$PGDATA_DIR/postmaster.pid pid
    [[ -f $lock ]] || return 1
    pid=$(head -n 1 "$lock")
    if [[ -n $pid ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -F "$PGDATA_DIR" >/dev/null; then
        return 0
    fi
    rm -f "$lock"
    return 1
}

init_pg_cluster() {
    [[ -f $PGDATA_DIR/PG_VERSION ]] && return 0
    say "postgres: initdb $PGDATA_DIR"
    ensure_system_user postgres
    mkdir -p "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    give_to postgres "$PGDATA_DIR"
    logged as_user postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres \
        --encoding=UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=trust
}

# Our settings live in their own file, included once from postgresql.conf.
# Prints "changed" when the file had to be (re)written.
write_pg_conf() {
    local conf=$PGDATA_DIR/tznr.conf new
    new="# Written by scripts/services.sh: test-only settings, not crash safe.
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PG_SOCKET_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
# The search tables of a 100k-document site stay in memory (bench/RESULTS.md).
shared_buffers = 1GB
"
    grep -qx "include_if_exists = 'tznr.conf'" "$PGDATA_DIR/postgresql.conf" \
        || echo "include_if_exists = 'tznr.conf'" >>"$PGDATA_DIR/postgresql.conf"
    give_to postgres "$PG_SOCKET_DIR"
    if [[ ! -f $conf || $(cat "$conf") != "${new%$'\n'}" ]]; then
        printf '%s' "$new" >"$conf"
        give_to postgres "$conf"
        echo changed
    fi
}

start_pg() {
    local conf_changed=$1
    touch "$PG_LOGFILE"
    give_to postgres "$PG_LOGFILE"
    if pg_running; then
        [[ -z $conf_changed ]] && return 0
        say "postgres: restarting (settings changed)"
        logged pg_ctl_as_owner -l "$PG_LOGFILE" -w -t 60 restart
        return 0
    fi
    say "postgres: starting on 127.0.0.1:$PGPORT"
    if ! pg_ctl_as_owner -l "$PG_LOGFILE" -w -t 60 start >>"$LOG" 2>&1; then
        tail -n 20 "$PG_LOGFILE" >&2
        die "postgres did not start (log: $PG_LOGFILE)"
    fi
}

psql_admin() {
    as_user postgres psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PGPORT" \
        -U postgres "$@"
}

ensure_pg_role_and_db() {
    say "postgres: role and database $PG_USER"
    logged psql_admin -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB SUPERUSER PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
    if [[ -z $(psql_admin -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") ]]; then
        logged psql_admin -d postgres -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
    fi
    logged psql_admin -d "$PG_DB" -c "CREATE EXTENSION IF NOT EXISTS unaccent"
}

cmd_postgres() {
    if pg_answers; then
        # Ours, started before its settings changed: restart it with the new ones.
        if pg_running && PG_BIN=$(pg_bindir); then
            start_pg "$(write_pg_conf)"
        fi
        say "postgres: ready on 127.0.0.1:$PGPORT"
        return 0
    fi
    ensure_pg_installed
    init_pg_cluster
    if ! pg_running && pg_port_in_use; then
        die "port $PGPORT is taken by another PostgreSQL without role $PG_USER; set PGPORT"
    fi
    start_pg "$(write_pg_conf)"
    ensure_pg_role_and_db
    pg_answers || die "postgres started but $PG_USER cannot log in (log: $PG_LOGFILE)"
    say "postgres: ready on 127.0.0.1:$PGPORT"
}

stop_pg() {
    [[ -f $PGDATA_DIR/PG_VERSION ]] || return 0
    PG_BIN=$(pg_bindir) || return 0
    if pg_running; then
        say "postgres: stopping"
        logged pg_ctl_as_owner -m fast -w stop
    fi
}

# ---------------------------------------------------------------- elasticsearch

# Not GET /: the integ-test zip has no handler for it (our plugin adds one).
es_version() {
    curl -fsS --max-time 3 "http://127.0.0.1:$ESPORT/_nodes/_local?filter_path=nodes.*.version" \
        2>/dev/null | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p' || true
}

es_healthy() {
    curl -fsS --max-time 3 \
        "http://127.0.0.1:$ESPORT/_cluster/health?wait_for_status=yellow&timeout=1s" \
        2>/dev/null | grep -E '"status" *: *"(yellow|green)"' >/dev/null
}

es_pid() {
    local pid
    [[ -f $ES_PIDFILE ]] || return 1
    pid=$(<"$ES_PIDFILE")
    # After a reboot the pid may belong to some other process: check it is ours.
    [[ -n $pid ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -F "$ES_HOME" >/dev/null \
        && printf '%s' "$pid"
}

# The Elasticsearch release we download is the one Maven Central has: the
# "integ-test" zip, which carries no analysis-common module.
es_zip() {
    printf '%s' "$M2_REPO/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
}

ensure_es_downloaded() {
    [[ -f $(es_zip) ]] && return 0
    have mvn || apt_install maven
    say "elasticsearch: downloading $ES_VERSION from Maven Central"
    logged mvn -q -B dependency:get -Dartifact="$ES_ARTIFACT" -Dtransitive=false
    [[ -f $(es_zip) ]] || die "Maven did not put the zip at $(es_zip) (set M2_REPO?)"
}

ensure_es_unpacked() {
    [[ -x $ES_HOME/bin/elasticsearch ]] && return 0
    have unzip || apt_install unzip
    say "elasticsearch: unpacking to $ES_HOME"
    local tmp=$CACHE_DIR/.es-unzip.$$
    rm -rf "$tmp"
    logged unzip -q "$(es_zip)" -d "$tmp"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rm -rf "$tmp"
}

java_major() {
    "$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1
}

# ES 8.19 runs on JDK 17 to 25 (checked: 17 and 25 both start it). Take an
# explicit choice first, else the newest of `java` on PATH and /usr/lib/jvm/*.
find_es_java_home() {
    local explicit=${TZNR_ES_JAVA_HOME:-${ES_JAVA_HOME:-}}
    if [[ -n $explicit ]]; then
        [[ -x $explicit/bin/java ]] || die "no bin/java in ES_JAVA_HOME=$explicit"
        printf '%s' "$explicit"; return 0
    fi
    local best='' best_major=0 home major
    local candidates=()
    have java && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    candidates+=(/usr/lib/jvm/*)
    for home in "${candidates[@]}"; do
        [[ -x $home/bin/java && -x $home/bin/javac ]] || continue
        major=$(java_major "$home")
        if [[ -z $major ]] || ((major < 17 || major > 25 || major <= best_major)); then
            continue
        fi
        best=$(readlink -f "$home") best_major=$major
    done
    [[ -n $best ]] || die "no JDK 17..25 found (install openjdk-17-jdk-headless or set ES_JAVA_HOME)"
    printf '%s' "$best"
}

# The integ-test zip lacks the analysis-common module (elision, stemmer,
# asciifolding, synonym_graph, ngram, ...): build our small stand-in plugin from
# scripts/es-analysis-plugin with the ES jars, and rebuild it when its source changes.
es_plugin_hash() {
    cat "$ES_PLUGIN_SRC"/*.java "$ES_PLUGIN_SRC"/*.properties | sha256sum | cut -c1-16
}

es_plugin_current() {
    [[ -f $ES_HOME/plugins/tznr-analysis/.source-$(es_plugin_hash) ]]
}

ensure_es_analysis_plugin() {
    local java_home=$1 dest=$ES_HOME/plugins/tznr-analysis
    es_plugin_current && return 0
    say "elasticsearch: building analysis plugin"
    local build=$CACHE_DIR/.es-plugin-build
    rm -rf "$build" "$dest"
    mkdir -p "$build/classes" "$dest"
    logged "$java_home/bin/javac" --release 17 -nowarn -encoding UTF-8 \
        -cp "$ES_HOME/lib/*" -d "$build/classes" "$ES_PLUGIN_SRC"/*.java
    logged "$java_home/bin/jar" --create --file "$dest/tznr-analysis.jar" -C "$build/classes" .
    sed "s/@ES_VERSION@/$ES_VERSION/" "$ES_PLUGIN_SRC/plugin-descriptor.properties" \
        >"$dest/plugin-descriptor.properties"
    rm -rf "$build"
    touch "$dest/.source-$(es_plugin_hash)"
}

write_es_config() {
    cat >"$ES_HOME/config/elasticsearch.yml" <<YAML
# Written by scripts/services.sh: a throwaway single-node server for tests.
cluster.name: tznr-test
node.name: tznr-test
discovery.type: single-node
network.host: 127.0.0.1
http.port: $ESPORT
path.data: $ES_DATA
path.logs: $ES_LOGS
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
YAML
}

wait_for_es() {
    local deadline=$((SECONDS + 90))
    while ((SECONDS < deadline)); do
        es_healthy && return 0
        if [[ -z $(es_pid) ]] && ((SECONDS > deadline - 80)); then
            break # the daemon died
        fi
        sleep 1
    done
    tail -n 40 "$ES_LOGS/tznr-test.log" >&2 2>/dev/null || true
    die "elasticsearch did not become healthy (logs: $ES_LOGS, $LOG)"
}

start_es() {
    local java_home=$1
    rm -f "$ES_PIDFILE" # stale: es_pid found no live process behind it
    say "elasticsearch: starting on 127.0.0.1:$ESPORT (JDK $(java_major "$java_home"))"
    logged as_user "$ES_USER" env \
        ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
        "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE"
}

cmd_elasticsearch() {
    local version
    version=$(es_version)
    if [[ $version == 8.* ]] && es_healthy; then
        if [[ -z $(es_pid) ]] || es_plugin_current; then
            say "elasticsearch: ready on 127.0.0.1:$ESPORT (version $version)"
            return 0
        fi
        say "elasticsearch: analysis plugin source changed, restarting"
        stop_es
    elif [[ -n $version && -z $(es_pid) ]]; then
        die "port $ESPORT answers with Elasticsearch $version, not a healthy 8.x; set ESPORT"
    fi
    mkdir -p "$CACHE_DIR"
    ensure_es_downloaded
    ensure_es_unpacked
    local java_home
    java_home=$(find_es_java_home)
    ensure_es_analysis_plugin "$java_home"
    write_es_config
    ensure_system_user "$ES_USER"
    give_to "$ES_USER" "$ES_HOME" "$ES_DATA" "$ES_LOGS"
    [[ -n $(es_pid) ]] || start_es "$java_home"
    wait_for_es
    say "elasticsearch: ready on 127.0.0.1:$ESPORT (version $(es_version))"
}

stop_es() {
    local pid
    pid=$(es_pid) || { rm -f "$ES_PIDFILE"; return 0; }
    say "elasticsearch: stopping"
    kill "$pid"
    for _ in $(seq 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    kill -0 "$pid" 2>/dev/null && die "elasticsearch (pid $pid) did not stop"
    rm -f "$ES_PIDFILE"
}

# ---------------------------------------------------------------- cluster

readonly PROJECT_DIR=$(dirname "$SCRIPT_DIR")
readonly CLUSTER_DIR=${TZNR_CLUSTER_DIR:-$PROJECT_DIR/var/cluster}
readonly CLUSTER_PORT=${TZNR_CLUSTER_PORT:-8100}
readonly CLUSTER_ES_PORT=${TZNR_CLUSTER_ES_PORT:-9201}
readonly CLUSTER_ES_HEAP=256m
# Only the quick JIT compiler: less CPU while a node starts, and a test's searches do not need
# the optimised code.
readonly CLUSTER_ES_JAVA_OPTS="-XX:TieredStopAtLevel=1"
readonly CLUSTER_PROCESSES="es1 es2 worker1 worker2 web1 web2 balancer"
readonly PYTHON=$PROJECT_DIR/.venv/bin/python

node_number() { printf '%s' "${1: -1}"; }
es_node_port() { printf '%s' $((CLUSTER_ES_PORT + $(node_number "$1") - 1)); }
web_port() { printf '%s' $((CLUSTER_PORT + $(node_number "$1"))); }

# What tells a process of ours from another that took its pid since.
cluster_marker() {
    case $1 in
        es*) printf '%s' "ES_PATH_CONF=$CLUSTER_DIR/$1/config" ;;
        web*|balancer) printf '%s' "$CLUSTER_DIR/$1.pid" ;;
        worker*) printf '%s' "--worker-id=cluster-$1" ;;
    esac
}

# An Elasticsearch node writes its pid file itself, in its own folder.
cluster_pidfile() {
    case $1 in
        es*) printf '%s' "$CLUSTER_DIR/$1/$1.pid" ;;
        *) printf '%s' "$CLUSTER_DIR/$1.pid" ;;
    esac
}

cluster_pid() {
    local pidfile pid
    pidfile=$(cluster_pidfile "$1")
    [[ -f $pidfile ]] || return 1
    pid=$(<"$pidfile")
    # A node's java command line does not name its folder: its environment does.
    local proc=cmdline
    [[ $1 == es* ]] && proc=environ
    [[ -n $pid ]] && tr '\0' '\n' 2>/dev/null <"/proc/$pid/$proc" | grep -F -- "$(cluster_marker "$1")" >/dev/null \
        && printf '%s' "$pid"
}

cluster_es_urls() {
    printf 'http://127.0.0.1:%s,http://127.0.0.1:%s' "$(es_node_port es1)" "$(es_node_port es2)"
}

cluster_health() {
    curl -fsS --max-time 3 "http://127.0.0.1:$(es_node_port es1)/_cluster/health" 2>/dev/null \
        | sed -n 's/.*"status" *: *"\([a-z]*\)".*/\1/p' || true
}

# es1 is master and data node, es2 a data node only: with two master-eligible nodes, stopping
# either could leave the cluster without a master (it needs a majority of the voters).
write_cluster_es_config() {
    local node=$1 conf=$CLUSTER_DIR/$1/config roles='[master, data, ingest]'
    [[ $node == es2 ]] && roles='[data, ingest]'
    mkdir -p "$conf"
    cp -r "$ES_HOME/config/jvm.options" "$ES_HOME/config/jvm.options.d" \
        "$ES_HOME/config/log4j2.properties" "$conf/"
    cat >"$conf/elasticsearch.yml" <<YAML
# Written by scripts/services.sh cluster: a throwaway two-node cluster on loopback.
cluster.name: tznr-cluster
node.name: $node
node.roles: $roles
network.host: 127.0.0.1
http.port: $(es_node_port "$node")
transport.port: $(($(es_node_port "$node") + 100))
discovery.seed_hosts: ["127.0.0.1:$(($(es_node_port es1) + 100))", "127.0.0.1:$(($(es_node_port es2) + 100))"]
cluster.initial_master_nodes: [es1]
path.data: $CLUSTER_DIR/$node/data
path.logs: $CLUSTER_DIR/$node/logs
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
YAML
}

start_cluster_es() {
    local node=$1
    [[ -n $(cluster_pid "$node") ]] && return 0
    say "cluster: starting $node on 127.0.0.1:$(es_node_port "$node")"
    write_cluster_es_config "$node"
    give_to "$ES_USER" "$CLUSTER_DIR/$node"
    as_user "$ES_USER" env ES_JAVA_HOME="$ES_JAVA" ES_PATH_CONF="$CLUSTER_DIR/$node/config" \
        ES_JAVA_OPTS="-Xms$CLUSTER_ES_HEAP -Xmx$CLUSTER_ES_HEAP $CLUSTER_ES_JAVA_OPTS" \
        "$ES_HOME/bin/elasticsearch" -d -p "$(cluster_pidfile "$node")" </dev/null >>"$LOG" 2>&1
}

# The app's environment: the caller's, with the cluster's Elasticsearch, and what a local
# production-like server needs when the caller did not say.
cluster_app_env() {
    export ELASTICSEARCH_URL ELASTICSEARCH_REPLICAS=1
    ELASTICSEARCH_URL=$(cluster_es_urls)
    export ELASTICSEARCH_INDEX_PREFIX=${ELASTICSEARCH_INDEX_PREFIX:-tznr-cluster}
    export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.base}
    export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}
    export DJANGO_SECURE_COOKIES=${DJANGO_SECURE_COOKIES:-0}
    export TZNR_VAR_DIR=${TZNR_VAR_DIR:-$CLUSTER_DIR}
    if [[ -z ${DJANGO_SECRET_KEY:-} ]]; then
        [[ -f $CLUSTER_DIR/secret-key ]] || head -c 32 /dev/urandom | base64 >"$CLUSTER_DIR/secret-key"
        DJANGO_SECRET_KEY=$(<"$CLUSTER_DIR/secret-key")
        export DJANGO_SECRET_KEY
    fi
    if [[ -z ${DATABASE_URL:-} ]]; then
        export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PGPORT/tznr_cluster
        CLUSTER_OWN_DATABASE=1
    fi
}

manage() { (cd "$PROJECT_DIR" && "$PYTHON" manage.py "$@"); }

# Only for the cluster's own database (the tests bring theirs): the demo site, once.
prepare_cluster_database() {
    [[ -n ${CLUSTER_OWN_DATABASE:-} ]] || return 0
    cmd_postgres
    local ready=$CLUSTER_DIR/tznr_cluster.ready
    if [[ ! -f $ready ]]; then
        say "cluster: database tznr_cluster with the demo content"
        if [[ -z $(PGPASSWORD=$PG_PASSWORD psql -X -h 127.0.0.1 -p "$PGPORT" -U "$PG_USER" \
            -d "$PG_DB" -Atc "SELECT 1 FROM pg_database WHERE datname = 'tznr_cluster'") ]]; then
            PGPASSWORD=$PG_PASSWORD logged createdb -h 127.0.0.1 -p "$PGPORT" -U "$PG_USER" tznr_cluster
        fi
        # The nodes are still starting: the search index is built once they answer.
        ELASTICSEARCH_URL='' logged manage migrate --noinput
        ELASTICSEARCH_URL='' logged manage createcachetable
        ELASTICSEARCH_URL='' logged manage load_demo
        touch "$ready"
    fi
    [[ $DJANGO_SETTINGS_MODULE != config.settings.base ]] || logged manage collectstatic --noinput
}

start_cluster_web() {
    local name=$1
    [[ -n $(cluster_pid "$name") ]] && return 0
    say "cluster: starting $name on 127.0.0.1:$(web_port "$name")"
    (cd "$PROJECT_DIR" && "$PYTHON" -m gunicorn config.wsgi --daemon --pid "$CLUSTER_DIR/$name.pid" \
        --bind "127.0.0.1:$(web_port "$name")" --workers 2 --timeout 30 --graceful-timeout 10 \
        --error-logfile "$CLUSTER_DIR/$name.log" --log-level warning </dev/null >>"$LOG" 2>&1)
}

start_cluster_worker() {
    local name=$1
    [[ -n $(cluster_pid "$name") ]] && return 0
    say "cluster: starting $name"
    (cd "$PROJECT_DIR" && exec setsid "$PYTHON" manage.py db_worker --queue-name '*' \
        --interval 0.2 --no-startup-delay --no-reload "--worker-id=cluster-$name" \
        >>"$CLUSTER_DIR/$name.log" 2>&1 </dev/null) &
    echo $! >"$CLUSTER_DIR/$name.pid"
}

start_cluster_balancer() {
    [[ -n $(cluster_pid balancer) ]] && return 0
    have haproxy || apt_install haproxy
    say "cluster: balancer on http://127.0.0.1:$CLUSTER_PORT"
    TZNR_BALANCER_BIND=127.0.0.1:$CLUSTER_PORT TZNR_WEB1=127.0.0.1:$(web_port web1) \
        TZNR_WEB2=127.0.0.1:$(web_port web2) \
        haproxy -D -f "$PROJECT_DIR/deploy/haproxy.cfg" -p "$CLUSTER_DIR/balancer.pid" \
        >>"$CLUSTER_DIR/balancer.log" 2>&1 </dev/null
}

wait_until() {
    local what=$1 seconds=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        ((SECONDS < deadline)) || die "cluster: $what did not happen within $seconds s (logs: $CLUSTER_DIR)"
        sleep 0.2
    done
}

cluster_green() { [[ $(cluster_health) == green ]]; }
web_answers() { curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$(web_port "$1")/healthz/"; }
balancer_answers() { curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$CLUSTER_PORT/healthz/"; }

prepare_cluster_es() {
    mkdir -p "$CLUSTER_DIR"
    ensure_es_downloaded
    ensure_es_unpacked
    ES_JAVA=$(find_es_java_home)
    ensure_es_analysis_plugin "$ES_JAVA"
    ensure_system_user "$ES_USER"
}

start_cluster_process() {
    case $1 in
        es*) prepare_cluster_es; start_cluster_es "$1"; wait_until "$1 joining" 90 cluster_green ;;
        web*) cluster_app_env; start_cluster_web "$1"; wait_until "$1 answering" 60 web_answers "$1" ;;
        worker*) cluster_app_env; start_cluster_worker "$1" ;;
        balancer) start_cluster_balancer ;;
        *) usage ;;
    esac
}

stop_cluster_process() {
    local name=$1 pid
    pid=$(cluster_pid "$name") || { rm -f "$(cluster_pidfile "$name")"; return 0; }
    say "cluster: stopping $name"
    kill "$pid"
    for _ in $(seq 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && { kill -9 "$pid"; sleep 0.2; }
    rm -f "$(cluster_pidfile "$name")"
}

cmd_cluster_up() {
    prepare_cluster_es
    cluster_app_env
    # A fresh cluster unless es1 still runs: its nodes' data belong to the cluster es1 made.
    if [[ -z $(cluster_pid es1) ]]; then
        stop_cluster_process es2
        rm -rf "$CLUSTER_DIR/es1" "$CLUSTER_DIR/es2"
        CLUSTER_NEW_INDEX=1
    fi
    # The nodes start side by side (each `elasticsearch -d` returns once its node runs),
    # while the rest starts.
    start_cluster_es es1 &
    local es1_start=$!
    start_cluster_es es2 &
    local es2_start=$!
    prepare_cluster_database
    start_cluster_worker worker1
    start_cluster_worker worker2
    start_cluster_web web1
    start_cluster_web web2
    start_cluster_balancer
    wait "$es1_start" && wait "$es2_start" \
        || die "cluster: an Elasticsearch node did not start (logs: $CLUSTER_DIR)"
    wait_until "Elasticsearch green" 90 cluster_green
    if [[ -n ${CLUSTER_NEW_INDEX:-} ]]; then
        say "cluster: search index"
        # Creating an index waits for both nodes: more than a search's timeout on a busy machine.
        ELASTICSEARCH_TIMEOUT=60 logged manage search_rebuild --engine elasticsearch
    fi
    wait_until "web1 answering" 60 web_answers web1
    wait_until "web2 answering" 60 web_answers web2
    wait_until "the balancer answering" 10 balancer_answers
    say "cluster: ready on http://127.0.0.1:$CLUSTER_PORT (Elasticsearch $(cluster_es_urls))"
}

# All at once: each finishes what it was doing (a worker its task, a server its requests).
cmd_cluster_down() {
    local name stops=()
    for name in $CLUSTER_PROCESSES; do
        stop_cluster_process "$name" &
        stops+=($!)
    done
    wait "${stops[@]}"
}

cmd_cluster_status() {
    local name pid
    for name in $CLUSTER_PROCESSES; do
        if pid=$(cluster_pid "$name"); then say "$name: running (pid $pid)"; else say "$name: stopped"; fi
    done
    say "elasticsearch cluster: $(cluster_health || true)"
}

cmd_cluster() {
    case ${1:-} in
        up) cmd_cluster_up ;;
        down) cmd_cluster_down ;;
        status) cmd_cluster_status ;;
        start) [[ -n ${2:-} ]] || usage; start_cluster_process "$2" ;;
        stop) [[ -n ${2:-} ]] || usage; stop_cluster_process "$2" ;;
        *) usage ;;
    esac
}

# ---------------------------------------------------------------- commands

cmd_env() {
    say "export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PGPORT/$PG_DB"
    say "export ELASTICSEARCH_URL=http://127.0.0.1:$ESPORT"
}

cmd_status() {
    if pg_answers; then say "postgres: up on 127.0.0.1:$PGPORT"; else say "postgres: down"; fi
    local version; version=$(es_version)
    if [[ -n $version ]]; then say "elasticsearch: up on 127.0.0.1:$ESPORT ($version)"
    else say "elasticsearch: down"; fi
}

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2
    exit 2
}

main() {
    case ${1:-} in
        up) cmd_postgres; cmd_elasticsearch ;;
        postgres) cmd_postgres ;;
        elasticsearch) cmd_elasticsearch ;;
        env) cmd_env ;;
        stop) stop_es; stop_pg ;;
        status) cmd_status ;;
        cluster) shift; cmd_cluster "$@" ;;
        *) usage ;;
    esac
}

main "$@"
