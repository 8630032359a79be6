#!/usr/bin/env bash
# Makes sure a local PostgreSQL is running on 127.0.0.1:5432 and has the role tongxin (password tongxin)
# and the database named by the first argument (owned by tongxin). Starts a stopped cluster, creates a
# cluster if none exists, installs PostgreSQL with apt-get if it is missing. Used by test.sh and
# bench/run.sh.
set -euo pipefail

DB="${1:?usage: scripts/db.sh DATABASE}"
HOST=127.0.0.1
PORT=5432

log() { printf '[db.sh] %s\n' "$*"; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n -u postgres "$@"
  else
    "$@"
  fi
}

ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$HOST" -p "$PORT"
  else
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
  fi
}

install_postgres() {
  log "PostgreSQL is not installed: installing it with apt-get"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql postgresql-client
}

start_postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    install_postgres
  fi
  if command -v pg_lsclusters >/dev/null 2>&1; then
    if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
      local ver
      ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
      log "no PostgreSQL cluster: creating $ver/main"
      pg_createcluster "$ver" main --port "$PORT"
    fi
    pg_lsclusters -h | while read -r ver name port status _; do
      if [ "$port" = "$PORT" ] && [ "$status" != "online" ]; then
        log "starting PostgreSQL cluster $ver/$name"
        pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start || pg_ctlcluster "$ver" "$name" start
      fi
    done
  fi
  for _ in $(seq 1 60); do
    ready && return 0
    sleep 1
  done
  log "PostgreSQL did not become ready on $HOST:$PORT"
  exit 1
}

ready || start_postgres

log "ensuring role tongxin and database $DB"
psql_admin() {
  if as_postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@" 2>/dev/null; then return 0; fi
  psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U postgres -d postgres "$@"
}
psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tongxin') THEN
    CREATE ROLE tongxin LOGIN PASSWORD 'tongxin';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$DB" OWNER tongxin' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB')
\gexec
SQL

