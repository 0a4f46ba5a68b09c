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

export async function openPglite(extensionNames: readonly string[]): Promise<DevDatabase> {
  const extensions: Record<string, Extension> = {};
  for (const name of new Set(extensionNames.filter((n) => n !== 'plpgsql'))) {
    extensions[name.replace(/-/g, '_')] = await loadExtension(name);
  }
  // Imported when first needed: loading PGlite costs a few hundred milliseconds that a cached plan does not spend.
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create({ extensions });
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

/** The PGlite package's version (the embedded engine), read from its package.json. */
export function pgliteVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const root = entry.slice(0, entry.lastIndexOf('@electric-sql/pglite') + '@electric-sql/pglite'.length);
    return packageVersion(join(root, 'package.json')) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
