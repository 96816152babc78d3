#!/usr/bin/env bash
# Local PostgreSQL and Elasticsearch 8 servers for the test suite.
#
# Usage: scripts/services.sh {up|postgres|elasticsearch|env|stop|status}
#
#   up             postgres + elasticsearch
#   postgres       install if needed and start PostgreSQL on 127.0.0.1:$PGPORT
#   elasticsearch  download if needed and start Elasticsearch on 127.0.0.1:$ESPORT
#   env            print the export lines to eval: eval "$(scripts/services.sh env)"
#   stop           stop the servers this script started (never someone else's)
#   status         tell what answers on both ports
#
# Every step is skipped when its result is already there, so a second run only
# checks that both servers answer. Data, installs and services.log (installer
# output) go to the cache dir: ${XDG_CACHE_HOME:-~/.cache}/tznr, or /var/cache/tznr
# for root when the service users cannot reach that one.
#
# Environment: PGPORT (54329), ESPORT (9200), TZNR_CACHE_DIR (cache dir),
# TZNR_ES_JAVA_HOME or ES_JAVA_HOME (JDK for Elasticsearch, default: newest
# JDK 17..25 found), M2_REPO (Maven local repository, ~/.m2/repository).
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
        *) usage ;;
    esac
}

main "$@"
