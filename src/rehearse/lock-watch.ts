// A statement outside a transaction (a concurrent index build or drop, a concurrent detach) has let its locks go by
// the time it returns, so the proof reads them while it runs, from a second session of the dev database. That
// session holds ROW EXCLUSIVE on the statement's tables in an open transaction: each of these statements waits at
// its wait-for-older-lockers point for that session to finish, and what it holds then is read before the session
// lets it go. This is deterministic (the statement always waits there); polling a short statement would not be.
// A statement that takes a lock conflicting with ROW EXCLUSIVE waits for it at once, before holding anything, and is
// seen holding only what it took before; one that waits for nothing is not seen. PGlite has one session: no watch.
import type { Queryable } from '../db/queryable.js';
import { segmentRelations } from '../exec/preflight.js';
import type { Statement } from '../migrations/segments.js';
import { qualify } from '../sql/quote.js';

const TABLES = `
WITH named AS (SELECT pg_catalog.to_regclass(n) AS oid FROM pg_catalog.unnest($1::text[]) AS n)
SELECT DISTINCT s.nspname AS schema, c.relname AS name
FROM named
LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = named.oid
JOIN pg_catalog.pg_class c ON c.oid = coalesce(i.indrelid, named.oid)
JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
ORDER BY 1, 2`;

/** The watched session's locks: whether it waits for one, and the relation locks it holds (reads left out). */
const LOCKS = `
SELECT l.granted, CASE WHEN l.granted AND l.locktype = 'relation' AND l.mode <> 'AccessShareLock'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  THEN l.mode || ' on ' || n.nspname || '.' || c.relname END AS lock
FROM pg_catalog.pg_locks l
LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE l.pid = $1`;

const POLL_MS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LockWatch {
  /** Before a statement outside a transaction: holds its tables and starts watching. */
  start(stmt: Statement): Promise<void>;
  /** After it (or after its failure): the locks it was seen holding while it waited, sorted. */
  stop(): Promise<string[]>;
  close(): Promise<void>;
}

/** Watches the session `pid` of the dev database from `watcher`, a second session of the same database. */
export function lockWatch(watcher: Queryable, pid: number): LockWatch {
  let running: Promise<string[]> | undefined;
  let stopped = false;
  let open = false;
  const finish = async () => {
    if (!open) return;
    open = false;
    await watcher.exec('ROLLBACK');
  };
  const poll = async (): Promise<string[]> => {
    while (!stopped) {
      const rows = await watcher.query<{ granted: boolean; lock: string | null }>(LOCKS, [pid]);
      if (rows.some((r) => !r.granted)) {
        await finish();
        return [...new Set(rows.flatMap((r) => (r.lock ? [r.lock] : [])))].sort();
      }
      await sleep(POLL_MS);
    }
    return [];
  };
  // A watch that fails lets the statement go (it would otherwise wait out its lock timeout) and reports nothing:
  // an observation is added to the plan, never needed by it.
  const watched = () =>
    poll().catch(async () => {
      await finish().catch(() => {});
      return [];
    });
  return {
    async start(stmt) {
      stopped = false;
      const tables = await watcher.query<{ schema: string; name: string }>(TABLES, [segmentRelations([stmt])]);
      if (tables.length === 0) return;
      await watcher.exec('BEGIN');
      open = true;
      await watcher.exec(`LOCK TABLE ${tables.map((t) => qualify(t.schema, t.name)).join(', ')} IN ROW EXCLUSIVE MODE`);
      running = watched();
    },
    async stop() {
      stopped = true;
      const seen = running ? await running : [];
      running = undefined;
      await finish();
      return seen;
    },
    async close() {
      await this.stop().catch(() => []);
      await watcher.close();
    },
  };
}
