// The history table in schema sfm_schema, and the advisory lock that serialises every run.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/queryable.js';
import { LockError } from '../errors.js';

// Any fixed 64-bit key; all sfm-schema processes on a database share it.
const LOCK_KEY = '7308135930498261077';

export interface HistoryRow {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly up_sql: string;
  readonly down_sql: string;
  readonly down_hazards: string;
  readonly to_hash: string | null;
  readonly applied_at: Date;
  readonly applied_by: string;
  readonly duration_ms: number;
  /** Hash of the row's recorded content (null for rows written before sfm-schema kept one). */
  readonly row_sum: string | null;
  /** 'expanded': an online migration whose contract has not run; 'expanding': one whose backfill or builds have not
   * finished (apply resumes them). Absent in tables written before it existed. */
  readonly phase?: string | null;
}

/** What a history row records that a hand edit could change: its checksum and the SQL rollback would run. */
export function historyRowSum(
  r: Pick<HistoryRow, 'version' | 'name' | 'checksum' | 'up_sql' | 'down_sql' | 'down_hazards' | 'to_hash'>,
): string {
  const h = createHash('sha256');
  for (const part of [r.version, r.name, r.checksum, r.up_sql, r.down_sql, r.down_hazards, r.to_hash ?? ''])
    h.update(part).update('\u0000');
  return h.digest('hex');
}

export async function recordApplied(
  db: Queryable,
  r: Pick<
    HistoryRow,
    'version' | 'name' | 'checksum' | 'up_sql' | 'down_sql' | 'down_hazards' | 'to_hash' | 'duration_ms'
  >,
  note?: string,
  phase?: 'expanded' | 'expanding',
): Promise<void> {
  await db.query(
    `INSERT INTO sfm_schema.history (version, name, checksum, up_sql, down_sql, down_hazards, to_hash, duration_ms, row_sum, note, phase)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      r.version,
      r.name,
      r.checksum,
      r.up_sql,
      r.down_sql,
      r.down_hazards,
      r.to_hash,
      r.duration_ms,
      historyRowSum(r),
      note ?? null,
      phase ?? null,
    ],
  );
}

/** Who changed the history by hand, when and why (baseline, resolve): kept after the rows they touched are gone. */
export async function recordEvent(db: Queryable, action: string, version: string, reason: string): Promise<void> {
  await db.query(`INSERT INTO sfm_schema.events (action, version, reason) VALUES ($1, $2, $3)`, [
    action,
    version,
    reason,
  ]);
}

export interface HistoryEvent {
  readonly at: Date;
  readonly by: string;
  readonly action: string;
  readonly version: string;
  readonly reason: string;
}

export async function readEvents(db: Queryable): Promise<HistoryEvent[]> {
  if (!(await sfmTableExists(db, 'events'))) return [];
  return db.query<HistoryEvent>(`SELECT at, by, action, version, reason FROM sfm_schema.events ORDER BY id`);
}

export async function ensureHistory(db: Queryable): Promise<void> {
  await db.exec(`
CREATE SCHEMA IF NOT EXISTS sfm_schema;
CREATE TABLE IF NOT EXISTS sfm_schema.history (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  up_sql text NOT NULL,
  down_sql text NOT NULL,
  down_hazards text NOT NULL DEFAULT '',
  to_hash text,
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by text NOT NULL DEFAULT current_user,
  duration_ms integer NOT NULL
);
ALTER TABLE sfm_schema.history ADD COLUMN IF NOT EXISTS row_sum text;
ALTER TABLE sfm_schema.history ADD COLUMN IF NOT EXISTS note text;
ALTER TABLE sfm_schema.history ADD COLUMN IF NOT EXISTS phase text;
CREATE TABLE IF NOT EXISTS sfm_schema.events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  by text NOT NULL DEFAULT current_user,
  action text NOT NULL,
  version text NOT NULL,
  reason text NOT NULL
);
CREATE TABLE IF NOT EXISTS sfm_schema.progress (
  key text PRIMARY KEY,
  segments_done integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE sfm_schema.progress ADD COLUMN IF NOT EXISTS cursor text`);
}

/** Whether one of sfm-schema's own tables exists yet (a database never applied to has none). */
export async function sfmTableExists(db: Queryable, table: 'history' | 'progress' | 'events'): Promise<boolean> {
  const rows = await db.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`sfm_schema.${table}`]);
  return rows[0]?.t != null;
}

export const historyExists = (db: Queryable) => sfmTableExists(db, 'history');

/** Undoes ensureHistory after a first run that recorded nothing, so a failed first apply leaves no trace. */
export async function dropHistoryIfUnused(db: Queryable): Promise<void> {
  const [r] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM sfm_schema.history)::int + (SELECT count(*) FROM sfm_schema.progress)::int
          + (SELECT count(*) FROM sfm_schema.events)::int AS n`,
  );
  if (r?.n !== 0) return;
  const [other] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'sfm_schema' AND c.relname NOT IN ('history', 'progress', 'events', 'history_pkey', 'progress_pkey',
        'events_pkey', 'events_id_seq')`,
  );
  if (other?.n === 0) await db.exec('DROP SCHEMA sfm_schema CASCADE');
}

/** Runs whose non-transactional steps stopped part-way (see exec/segments.ts). */
export async function readProgress(db: Queryable): Promise<{ key: string; segments_done: number; updated_at: Date }[]> {
  if (!(await sfmTableExists(db, 'progress'))) return [];
  return db.query(`SELECT key, segments_done, updated_at FROM sfm_schema.progress ORDER BY key`);
}

/** Segments finished by the run named `key` (0 when none), and where its unfinished backfill stands. */
export async function progressOf(db: Queryable, key: string): Promise<{ done: number; cursor?: string }> {
  const rows = await db.query<{ done: number; cursor: string | null }>(
    `SELECT segments_done AS done, cursor FROM sfm_schema.progress WHERE key = $1`,
    [key],
  );
  const r = rows[0];
  return { done: r?.done ?? 0, ...(r?.cursor ? { cursor: r.cursor } : {}) };
}

/** `done` segments are finished; `cursor`: how far the next one, a backfill, got (in the batch's transaction). */
export async function recordProgress(db: Queryable, key: string, done: number, cursor?: string): Promise<void> {
  await db.query(
    `INSERT INTO sfm_schema.progress (key, segments_done, cursor) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET segments_done = excluded.segments_done, cursor = excluded.cursor, updated_at = now()`,
    [key, done, cursor ?? null],
  );
}

/** An online migration recorded at its expand ('expanding') is finished, or an expanded one contracted: its phase and
 * way back as they are now (its content changes, so its sum does). */
export async function recordFinished(
  db: Queryable,
  r: Pick<
    HistoryRow,
    'version' | 'name' | 'checksum' | 'up_sql' | 'down_sql' | 'down_hazards' | 'to_hash' | 'duration_ms'
  >,
  phase: 'expanded' | null,
): Promise<void> {
  await db.query(
    `UPDATE sfm_schema.history SET phase = $2, down_sql = $3, down_hazards = $4, duration_ms = $5, row_sum = $6
      WHERE version = $1`,
    [r.version, phase, r.down_sql, r.down_hazards, r.duration_ms, historyRowSum(r)],
  );
}

export async function readHistory(db: Queryable): Promise<HistoryRow[]> {
  if (!(await historyExists(db))) return [];
  // Tables written before row sums existed lack the column: read it as null there.
  return db.query<HistoryRow>(
    `SELECT h.*, (to_jsonb(h) ->> 'row_sum') AS row_sum FROM sfm_schema.history h ORDER BY version`,
  );
}

/** How long a run waits for another run's lock before giving up (see withLock). */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

async function lockHolder(db: Queryable): Promise<string> {
  const rows = await db.query<{ pid: number; since: Date | null; app: string | null }>(
    `SELECT a.pid, a.xact_start AS since, a.application_name AS app
       FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname =
        current_database())
        AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint`,
    [LOCK_KEY],
  );
  const h = rows[0];
  return h ? ` (held by backend pid ${h.pid}${h.app ? `, ${h.app}` : ''})` : '';
}

/**
 * Runs `fn` holding the database's sfm-schema advisory lock (session level, so it is re-entrant and released when
 * the connection ends, even after kill -9). Waits up to `waitMs` for another run to finish, then refuses.
 */
export async function withLock<T>(
  db: Queryable,
  fn: () => Promise<T>,
  waitMs = DEFAULT_LOCK_WAIT_MS,
  lockOn?: () => Promise<Queryable>,
): Promise<T> {
  if (lockOn) return withTransactionLock(db, await lockOn(), fn, waitMs);
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const [r] = await db.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1::bigint) AS ok`, [LOCK_KEY]);
    if (r?.ok) break;
    if (Date.now() >= deadline) {
      throw new LockError(
        `another sfm-schema run holds the migration lock on this database${await lockHolder(db)}; ` +
          `gave up after waiting ${Math.round(waitMs / 1000)} s (--lock-wait)`,
      );
    }
    await new Promise((res) => setTimeout(res, Math.min(delay, Math.max(0, deadline - Date.now()))));
  }
  try {
    return await fn();
  } finally {
    await db.query(`SELECT pg_advisory_unlock($1::bigint)`, [LOCK_KEY]).catch(() => {});
  }
}

/**
 * The same lock through a pooler that shares server connections (where a session lock would stay behind on a server
 * connection other clients use): a transaction-level advisory lock taken in a transaction that `lock` keeps open for
 * the whole run, which pins one server connection to this run. Ended (committed, or cut by a crash), it is released.
 */
async function withTransactionLock<T>(
  db: Queryable,
  lock: Queryable,
  fn: () => Promise<T>,
  waitMs: number,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  try {
    for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
      await lock.exec('BEGIN');
      await lock.exec('SET LOCAL idle_in_transaction_session_timeout = 0');
      // Without bind parameters (the simple protocol): an extended-protocol portal would keep its snapshot for the
      // life of the transaction, and CREATE INDEX CONCURRENTLY of the same run would wait for it forever.
      const [r] = await lock.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_xact_lock(${BigInt(LOCK_KEY).toString()}) AS ok`,
      );
      if (r?.ok) break;
      // A waiting run keeps no transaction open: it would hold a server connection of the pool the holder needs.
      await lock.exec('ROLLBACK');
      if (Date.now() >= deadline) {
        throw new LockError(
          `another sfm-schema run holds the migration lock on this database${await lockHolder(db)}; ` +
            `gave up after waiting ${Math.round(waitMs / 1000)} s (--lock-wait)`,
        );
      }
      await new Promise((res) => setTimeout(res, Math.min(delay, Math.max(0, deadline - Date.now()))));
    }
    return await fn();
  } finally {
    await lock.exec('COMMIT').catch(() => {});
    await lock.close().catch(() => {});
  }
}
