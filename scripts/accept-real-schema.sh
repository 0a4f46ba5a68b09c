#!/usr/bin/env bash
# accept-real-schema.sh SCHEMA.sql: issue 25's acceptance on a real schema kept outside the project (a pg_dump -s of
# an open-source service). On the server of TEST_DATABASE_URL (scripts/with-postgres.sh starts one) it loads the
# schema, then: inspect writes it as a desired state; a plan from the database to it is empty; a migration planned
# from nothing builds a database equal by pg_dump (blank lines aside); verify passes; rollback --to 0 leaves a
# database that dumps like an empty one; a baseline on the original database records the migration and status sees
# no drift. Exits non-zero at the first step that does not hold. Needs psql and pg_dump of the server's major.
#   bash scripts/with-postgres.sh /usr/lib/postgresql/15/bin bash scripts/accept-real-schema.sh /path/schema.sql
set -euo pipefail
SCHEMA=$(realpath "$1")
U=${TEST_DATABASE_URL:?set TEST_DATABASE_URL}
B=${U%/*}
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SFM="node $(cd "$(dirname "$0")/.." && pwd)/bin/sfm-schema.mjs"
W=$(mktemp -d /tmp/sfm-accept-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
step() { echo "== $*"; }
dump() { "$BIN/pg_dump" -s --no-owner -N sfm_schema "$1" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' -e '^$'; }
"$BIN/psql" -q "$U" -c "CREATE DATABASE accept_src" -c "CREATE DATABASE accept_built" -c "CREATE DATABASE accept_dev" \
  -c "CREATE DATABASE accept_empty"
"$BIN/psql" -q -v ON_ERROR_STOP=1 "$B/accept_src" -f "$SCHEMA" >/dev/null
step "inspect"; $SFM inspect --url "$B/accept_src" --out schema
step "re-plan is empty"; $SFM plan --url "$B/accept_src" --schema schema --dry-run | tee plan.txt
grep -q '^No changes' plan.txt
step "plan from nothing, proven"; $SFM plan --schema schema --migrations m --dev-url "$B/accept_dev" --name initial
step "apply"; $SFM apply --url "$B/accept_built" --migrations m
step "built equals the original by pg_dump"; diff <(dump "$B/accept_src") <(dump "$B/accept_built")
step "verify"; $SFM verify --migrations m --dev-url "$B/accept_dev"
step "rollback to 0"; $SFM rollback --url "$B/accept_built" --migrations m --to 0 --allow-hazards all
diff <(dump "$B/accept_empty") <(dump "$B/accept_built")
step "baseline, status"; V=$(ls m | grep -o '^[0-9]\{14\}' | head -1)
$SFM apply --url "$B/accept_src" --migrations m --baseline "$V"
$SFM status --url "$B/accept_src" --migrations m
echo "== all steps hold for $1"
