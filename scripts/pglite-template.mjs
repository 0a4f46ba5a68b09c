// Part of the build: a data directory of a new embedded dev database (PGlite's initdb), kept in dist/ beside the
// compiled code, so that no run of sfm-schema needs initdb (seconds, and some 650 MB of memory in WebAssembly).
// Skipped when this PGlite version's directory is there already; a failure leaves none, and runs make their own.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const { makeDataDirectory, pgliteVersion } = await import(join(dist, 'dev-db', 'pglite.js'));
const version = pgliteVersion();
const target = join(dist, `pglite-${version}-datadir`);
if (version !== 'unknown' && !existsSync(join(target, 'PG_VERSION'))) {
  const part = `${target}.${process.pid}.part`;
  try {
    mkdirSync(part, { recursive: true });
    await makeDataDirectory(part);
    rmSync(target, { recursive: true, force: true });
    renameSync(part, target);
  } catch (err) {
    rmSync(part, { recursive: true, force: true });
    console.warn(`no PGlite data directory in dist/ (each first run makes one): ${err}`);
  }
}
