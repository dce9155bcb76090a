#!/usr/bin/env bash
# Throwaway PostgreSQL server for the test suite (make test), idempotent.
#
#   scripts/pg-test-server.sh [start] [DATADIR]   -> prints the SQLAlchemy URL on stdout
#   scripts/pg-test-server.sh stop [DATADIR]
#   scripts/pg-test-server.sh url                 -> prints the URL only
#
# Why a private cluster: tests must hit a REAL PostgreSQL without touching any system
# cluster, so we initdb our own data dir (default: .pgdata/ in the repo), listen only on
# 127.0.0.1 on a non-default port with trust auth, and keep the socket under /tmp.
# On a fresh Debian machine the server binaries are missing, so we apt-get them once.
# Only the URL goes to stdout (for PROPSCOPE_TEST_PG=$(scripts/pg-test-server.sh));
# every diagnostic goes to stderr.
set -euo pipefail

PORT="${PROPSCOPE_PG_PORT:-54329}"
DB_NAME="${PROPSCOPE_PG_DB:-propscope_test}"
PG_SUPERUSER="postgres"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOCKET_DIR="/tmp/propscope-pg-${PORT}"
URL="postgresql+psycopg://${PG_SUPERUSER}@127.0.0.1:${PORT}/${DB_NAME}"

log() { echo "pg-test-server: $*" >&2; }

# Directory holding initdb/pg_ctl/postgres, newest version first; empty if none found.
find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
            echo "$dir"
            return 0
        fi
    done
    local initdb_path
    initdb_path="$(command -v initdb 2>/dev/null || true)"
    if [[ -n "$initdb_path" ]]; then
        dir="$(dirname "$(readlink -f "$initdb_path")")"
        if [[ -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
            echo "$dir"
            return 0
        fi
    fi
    return 0
}

# apt-get the server only when no binaries exist (a fresh Debian machine).
install_postgres() {
    local sudo=""
    if [[ "$(id -u)" != "0" ]]; then
        command -v sudo >/dev/null || { log "PostgreSQL missing and not root (no sudo)"; exit 1; }
        sudo="sudo"
    fi
    log "no PostgreSQL server binaries found; installing via apt-get"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
}

ensure_bindir() {
    BINDIR="$(find_bindir)"
    if [[ -z "$BINDIR" ]]; then
        install_postgres
        BINDIR="$(find_bindir)"
    fi
    [[ -n "$BINDIR" ]] || { log "PostgreSQL binaries still not found after install"; exit 1; }
}

# postgres refuses to run as root: as root, run server commands as the 'postgres' user.
ensure_run_user() {
    if [[ "$(id -u)" != "0" ]]; then
        RUN_USER="$(id -un)"
        return
    fi
    RUN_USER="postgres"
    if ! id "$RUN_USER" >/dev/null 2>&1; then
        log "creating system user $RUN_USER"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
    fi
}

as_run_user() {
    if [[ "$(id -u)" == "0" ]]; then
        runuser -u "$RUN_USER" -- "$@"
    else
        "$@"
    fi
}

# The server user must be able to reach the data dir (a repo under /root is not): if it
# cannot, fall back to a fixed dir under /var/tmp so start and stop agree on it.
resolve_datadir() {
    local parent
    parent="$(dirname "$DATADIR")"
    while [[ ! -d "$parent" ]]; do parent="$(dirname "$parent")"; done
    if [[ "$(id -u)" == "0" ]] && ! runuser -u "$RUN_USER" -- test -x "$parent" 2>/dev/null; then
        log "$RUN_USER cannot reach $parent; using /var/tmp/propscope-pgdata-$PORT instead"
        DATADIR="/var/tmp/propscope-pgdata-$PORT"
    fi
}

is_running() {
    [[ -f "$DATADIR/PG_VERSION" ]] && as_run_user "$BINDIR/pg_ctl" -D "$DATADIR" status >/dev/null 2>&1
}

init_cluster() {
    mkdir -p "$DATADIR" "$SOCKET_DIR"
    if [[ "$(id -u)" == "0" ]]; then
        chown -R "$RUN_USER" "$DATADIR" "$SOCKET_DIR"
    fi
    chmod 700 "$DATADIR"
    if [[ -f "$DATADIR/PG_VERSION" ]]; then
        return
    fi
    log "initdb into $DATADIR"
    as_run_user "$BINDIR/initdb" -D "$DATADIR" -U "$PG_SUPERUSER" --auth=trust \
        -E UTF8 --locale=C.UTF-8 >&2
}

start_server() {
    if is_running; then
        log "already running ($DATADIR)"
        return
    fi
    log "starting on 127.0.0.1:$PORT"
    as_run_user "$BINDIR/pg_ctl" -D "$DATADIR" -l "$DATADIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKET_DIR -c fsync=off" start >&2
}

wait_ready() {
    local i
    for i in $(seq 1 60); do
        if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
            return
        fi
        sleep 1
    done
    log "server did not become ready; see $DATADIR/server.log"
    exit 1
}

create_database() {
    local psql=("$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U "$PG_SUPERUSER" -d postgres -tAq)
    if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]]; then
        log "creating database $DB_NAME"
        "${psql[@]}" -c "CREATE DATABASE $DB_NAME" >&2
    fi
}

stop_server() {
    if is_running; then
        log "stopping ($DATADIR)"
        as_run_user "$BINDIR/pg_ctl" -D "$DATADIR" -m fast -w stop >&2
    else
        log "not running ($DATADIR)"
    fi
}

main() {
    local cmd="${1:-start}"
    case "$cmd" in
        start | stop | url) shift || true ;;
        *) cmd="start" ;;  # a bare DATADIR argument means start
    esac
    DATADIR="$(realpath -m "${1:-$REPO_ROOT/.pgdata}")"
    if [[ "$cmd" == "url" ]]; then
        echo "$URL"
        return
    fi
    ensure_bindir
    ensure_run_user
    resolve_datadir
    if [[ "$cmd" == "stop" ]]; then
        stop_server
        return
    fi
    init_cluster
    start_server
    wait_ready
    create_database
    echo "$URL"
}

main "$@"
