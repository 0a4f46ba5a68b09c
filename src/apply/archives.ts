// The archives that `drops: archive` leaves: one schema per migration, `sfm_archive_<version>`, holding the tables
// it dropped and the values of the columns it dropped, until `purge` removes them. Not schema: never planned or
// reported as drift; `status` lists them with their size.
import type { Queryable } from '../db/queryable.js';
import { quoteIdent } from '../sql/quote.js';
import { recordEvent, sfmTableExists, withLock } from './history.js';

export interface Archive {
  readonly schema: string;
  /** The migration that made it. */
  readonly version: string;
  /** When that migration was planned (its version is a UTC time stamp). */
  readonly createdAt: Date;
  readonly tables: number;
  /** Tables, indexes and TOAST of everything in it. */
  readonly bytes: number;
}

const LIST = `
SELECT n.nspname AS schema, count(c.oid)::int AS tables,
  coalesce(sum(pg_catalog.pg_total_relation_size(c.oid)), 0)::bigint AS bytes
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
WHERE n.nspname ~ '^sfm_archive_[0-9]{14}$'
GROUP BY n.nspname ORDER BY n.nspname`;

function stampTime(version: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(version);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : new Date(0);
}

export async function listArchives(db: Queryable): Promise<Archive[]> {
  const rows = await db.query<{ schema: string; tables: number; bytes: string }>(LIST);
  return rows.map((r) => {
    const version = r.schema.slice('sfm_archive_'.length);
    return { schema: r.schema, version, createdAt: stampTime(version), tables: r.tables, bytes: Number(r.bytes) };
  });
}

export interface PurgeOptions {
  /** Only archives made at least this long ago (by their migration's version). */
  readonly olderThanMs: number;
  readonly dryRun: boolean;
  readonly now?: Date;
}

/** Drops the archives old enough, under the migration lock, each recorded in sfm_schema.events. */
export async function purgeArchives(db: Queryable, o: PurgeOptions): Promise<Archive[]> {
  const cutoff = (o.now ?? new Date()).getTime() - o.olderThanMs;
  const chosen = (await listArchives(db)).filter((a) => a.createdAt.getTime() <= cutoff);
  if (o.dryRun || chosen.length === 0) return chosen;
  await withLock(db, async () => {
    const events = await sfmTableExists(db, 'events');
    await db.exec('BEGIN');
    try {
      for (const a of chosen) {
        await db.exec(`DROP SCHEMA ${quoteIdent(a.schema)} CASCADE`);
        if (events)
          await recordEvent(db, 'purge', a.version, `archive ${a.schema}: ${a.tables} table(s), ${a.bytes} bytes`);
      }
      await db.exec('COMMIT');
    } catch (err) {
      await db.exec('ROLLBACK');
      throw err;
    }
  });
  return chosen;
}
