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
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

// Shared buffers cache pages of files that are in memory already (PGlite's file system is): 16 MB, not 128.
const SETTINGS = ['shared_buffers = 16MB', 'wal_buffers = 1MB'];

/** Where the data directory of a new database of this PGlite version is kept (see openPglite). */
const templatePath = () => join(userCacheDir(), `pglite-${pgliteVersion()}-datadir.tgz`);

function readTemplate(): Blob | undefined {
  if (pgliteVersion() === 'unknown') return undefined;
  try {
    return new Blob([readFileSync(templatePath())]);
  } catch {
    return undefined;
  }
}

/** Keeps the data directory of a database just made, for the next runs; a cache that cannot be written is none. */
async function keepTemplate(pg: { dumpDataDir(c: 'gzip'): Promise<Blob> }): Promise<void> {
  if (pgliteVersion() === 'unknown') return;
  try {
    const data = Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(userCacheDir(), { recursive: true });
    // Written beside and renamed: a run that reads it at the same time sees the whole file or none.
    const part = `${templatePath()}.${process.pid}.part`;
    writeFileSync(part, data);
    renameSync(part, templatePath());
  } catch {
    // No cache: the next run makes the database anew, as this one did.
  }
}

/** PGlite makes a new database by running initdb in WebAssembly, which takes seconds and leaves some 400 MB of the
 * process's memory behind. The first run keeps the data directory it made in the user's cache; later runs start
 * from it (its name carries PGlite's version, so an upgrade makes a new one). A template that does not start is
 * dropped, and the database made anew. */
export async function openPglite(extensionNames: readonly string[]): Promise<DevDatabase> {
  const extensions: Record<string, Extension> = {};
  for (const name of new Set(extensionNames.filter((n) => n !== 'plpgsql'))) {
    extensions[name.replace(/-/g, '_')] = await loadExtension(name);
  }
  // Imported when first needed: loading PGlite costs a few hundred milliseconds that a cached plan does not spend.
  const { PGlite } = await import('@electric-sql/pglite');
  const template = readTemplate();
  let pg: Awaited<ReturnType<typeof PGlite.create>> | undefined;
  if (template)
    pg = await PGlite.create({ extensions, postgresqlconf: SETTINGS, loadDataDir: template }).catch(() => undefined);
  if (!pg) {
    // WAL in segments of 1 MB, not 16: each is a file held in memory.
    pg = await PGlite.create({ extensions, postgresqlconf: SETTINGS, initDbStartParams: ['--wal-segsize=1'] });
    await keepTemplate(pg);
  }
  const db = wrapPglite(pg, 'embedded dev database (PGlite)');
  return {
    db,
    description: 'embedded dev database (PGlite)',
    reset: () => wipe(db),
    dispose: () => db.close(),
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
