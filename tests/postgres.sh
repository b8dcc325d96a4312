# A throwaway PostgreSQL 15 for the storage tests that run on both backends; sourced by test.sh.
#   start_test_postgres  installs Debian's postgresql when missing (as root), starts a cluster under a temp folder on a
#                        free loopback port and exports ASSISTANT_TEST_POSTGRES; returns non-zero when it cannot.
#   stop_test_postgres   stops it and deletes the folder.
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=

pg_as_owner() {
  # PostgreSQL refuses to run as root: as root, run it as the postgres user the Debian package creates.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    echo "Installing postgresql with apt-get ..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1 || return 1
  fi

  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/assistant-pg.XXXXXX") || return 1
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U assistant -A trust -E UTF8 --no-locale --no-sync >"$PG_DIR/initdb.log" 2>&1; then
    cat "$PG_DIR/initdb.log" >&2
    return 1
  fi

  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
    # fsync off: the crash tests kill the app, never the database server, and the suite runs faster.
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 -o \
        "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
      export ASSISTANT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=assistant;Database=postgres"
      return 0
    fi
  done
  [ -f "$PG_DIR/server.log" ] && tail -n 20 "$PG_DIR/server.log" >&2
  return 1
}

stop_test_postgres() {
  [ -n "$PG_DIR" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}
