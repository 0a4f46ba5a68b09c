// The embedded dev database: PostgreSQL 18 compiled to WASM, in process. Contrib extensions ship as separate
// modules and must be named when the instance is created.
import type { Extension } from '@electric-sql/pglite';
import { wrapPglite } from '../db/queryable.js';
import { SfmError } from '../errors.js';
import type { DevDatabase } from './types.js';
import { wipe } from './wipe.js';
import { quoteIdent } from '../sql/quote.js';
import { createRequire } from 'node:module';
import { packageVersion } from '../sys/version.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { userCacheDir } from '../sys/user-cache.js';

const CONTRIB = new Set([
  'amcheck',
  'bloom',
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dict_int',
  'dict_xsyn',
  'earthdistance',
  'fuzzystrmatch',
  'hstore',
  'intarray',
  'isn',
  'lo',
  'ltree',
  'pageinspect',
  'pg_buffercache',
  'pg_freespacemap',
  'pg_surgery',
  'pg_trgm',
  'pg_visibility',
  'pg_walinspect',
  'pgcrypto',
  'seg',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid_ossp',
]);

async function loadExtension(name: string): Promise<Extension> {
  const module = name.replace(/-/g, '_');
  if (!CONTRIB.has(module)) {
    throw new SfmError(
      `extension "${name}" is not available in the embedded dev database (PGlite); ` +
        'use --dev-url with a PostgreSQL server that has it, or --url with a server whose role may create databases',
    );
  }
  const mod = (await import(`@electric-sql/pglite/contrib/${module}`)) as Record<string, Extension>;
  const ext = mod[module];
  if (!ext) throw new SfmError(`PGlite contrib module ${module} does not export ${module}`);
  return ext;
}

// Shared buffers cache pages the operating system caches too: 16 MB, not 128. One transaction may lock every relation
// of a large schema (the proof's down step that drops 1,000 tables with their indexes and sequences takes some 7,000
// locks), and the lock table is shared memory, sized as max_locks_per_transaction for each backend there could be:
// PGlite has one session, so no slots for other connections, WAL senders or autovacuum workers, and more locks for
// the one ("out of shared memory" at 1,000 tables before; 8,192 locks for each of the default 100-odd backends would
// have cost 80 MB of memory).
const SETTINGS = [
  'shared_buffers = 16MB',
  'wal_buffers = 1MB',
  'max_connections = 2',
  'max_wal_senders = 0',
  'autovacuum_max_workers = 1',
  'max_locks_per_transaction = 4096',
];

const templateName = () => `pglite-${pgliteVersion()}-datadir`;

/** Where the data directory of a new database of this PGlite version is kept (see openPglite). */
const templatePath = () => join(userCacheDir(), templateName());

/** The one the package's build made (scripts/pglite-template.mjs), beside the compiled code in dist/. */
const shippedPath = () => join(fileURLToPath(new URL('../../dist', import.meta.url)), templateName());

type Engine = Awaited<ReturnType<typeof import('@electric-sql/pglite')['PGlite']['create']>>;

/** Copies a data directory of this PGlite version into `run`: the kept one, else (unless `shipped` is false) the
 * package's; false when there is none (or no version). */
function copyTemplate(run: string, shipped: boolean): boolean {
  if (pgliteVersion() === 'unknown') return false;
  for (const from of shipped ? [templatePath(), shippedPath()] : [templatePath()]) {
    if (!existsSync(join(from, 'PG_VERSION'))) continue;
    try {
      cpSync(from, run, { recursive: true });
      return true;
    } catch {
      rmSync(run, { recursive: true, force: true });
      mkdirSync(run);
    }
  }
  return false;
}

/** A new data directory in the empty folder `dir`, by initdb (WAL in segments of 1 MB, not 16); closed.
 * @public (scripts/pglite-template.mjs, the build, imports it from dist/) */
export async function makeDataDirectory(dir: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const fresh = await PGlite.create({ dataDir: dir, postgresqlconf: SETTINGS, initDbStartParams: ['--wal-segsize=1'] });
  await fresh.close();
}

/** Keeps a copy of a data directory just made, closed, for the next runs; a cache that cannot be written is none. */
function keepTemplate(made: string): void {
  if (pgliteVersion() === 'unknown') return;
  // Copied beside and renamed: a run that reads it at the same time sees the whole directory or none.
  const part = `${templatePath()}.${process.pid}.part`;
  try {
    mkdirSync(userCacheDir(), { recursive: true });
    cpSync(made, part, { recursive: true });
    rmSync(templatePath(), { recursive: true, force: true });
    renameSync(part, templatePath());
  } catch {
    // No cache: the next run makes the database anew, as this one did.
    rmSync(part, { recursive: true, force: true });
  }
}

/** PGlite makes a new database by running initdb in WebAssembly, which takes seconds. The first run keeps the data
 * directory it made in the user's cache; later runs copy it (its name carries PGlite's version, so an upgrade makes a
 * new one). A copy that does not start is dropped with the kept one, and the database made anew. The data directory
 * is on disk, in a temporary folder removed when the database is disposed of (or the process exits): in PGlite's
 * in-memory file system it cost some 100 MB of the process's memory (the directory, its growth, and the archive it was
 * loaded from). */
export async function openPglite(
  extensionNames: readonly string[],
  options: { readonly shipped?: boolean } = {},
): Promise<DevDatabase> {
  const extensions: Record<string, Extension> = {};
  for (const name of new Set(extensionNames.filter((n) => n !== 'plpgsql'))) {
    extensions[name.replace(/-/g, '_')] = await loadExtension(name);
  }
  // Imported when first needed: loading PGlite costs a few hundred milliseconds that a cached plan does not spend.
  const { PGlite } = await import('@electric-sql/pglite');
  const run = mkdtempSync(join(tmpdir(), 'sfm-pglite-'));
  const remove = () => rmSync(run, { recursive: true, force: true });
  process.once('exit', remove);
  const open = () => PGlite.create({ dataDir: run, extensions, postgresqlconf: SETTINGS });
  let pg: Engine | undefined;
  try {
    if (copyTemplate(run, options.shipped !== false)) pg = await open().catch(() => undefined);
    if (!pg) {
      rmSync(templatePath(), { recursive: true, force: true });
      remove();
      mkdirSync(run);
      await makeDataDirectory(run);
      keepTemplate(run);
      pg = await open();
    }
  } catch (err) {
    remove();
    process.off('exit', remove);
    throw err;
  }
  const engine = pg;
  const dispose = async () => {
    try {
      await engine.close();
    } finally {
      remove();
      process.off('exit', remove);
    }
  };
  const db = wrapPglite(engine, 'embedded dev database (PGlite)');
  return {
    db,
    description: 'embedded dev database (PGlite)',
    reset: () => wipe(db),
    dispose,
    async addRoles(names) {
      const existing = new Set(
        (
          await db.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY($1)', [
            names,
          ])
        ).map((r) => r.rolname),
      );
      for (const name of names) if (!existing.has(name)) await db.exec(`CREATE ROLE ${quoteIdent(name)} NOLOGIN`);
    },
  };
}

let version: string | undefined;

/** The PGlite package's version (the embedded engine), read from its package.json once. */
export function pgliteVersion(): string {
  version ??= readPgliteVersion();
  return version;
}

function readPgliteVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const root = entry.slice(0, entry.lastIndexOf('@electric-sql/pglite') + '@electric-sql/pglite'.length);
    return packageVersion(join(root, 'package.json')) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
