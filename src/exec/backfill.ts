// A backfill step: one `UPDATE table SET …` run in batches over the table's key, each batch its own short
// transaction under the run's timeouts, so that no lock is held for longer than a batch and the applications
// writing the table meanwhile wait milliseconds at most. The batches cover the keys present when the step began
// (up to the highest key then), so the step ends however fast rows arrive; rows arriving later are kept in step by
// the sync trigger that the migration made before it. Each batch records how far it got in its own transaction: a
// run cut off (even by kill -9) resumes after the last committed batch. Without a primary key or a unique key of
// NOT NULL columns there is no order to resume by: the step is refused (the planner does not write one).
import type { Queryable } from '../db/queryable.js';
import { inTransaction } from '../db/queryable.js';
import { MigrationError } from '../errors.js';
import type { Statement } from '../migrations/segments.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import { DEFAULT_BACKFILL, settingsSql, type RunSettings } from './settings.js';

interface KeyColumn {
  readonly name: string;
  readonly type: string;
}

/** Where a backfill stands: the highest key when it began, and the last key done (null before the first batch). */
interface BackfillCursor {
  readonly max: readonly string[];
  readonly last: readonly string[] | null;
}

/** The table an UPDATE writes, from its parse tree, and whether it has a WHERE of its own (which the batches' range
 * is ANDed to: one whose top is an OR would bind wrongly, and is refused). */
function target(stmt: Statement): { schema: string; name: string; where: boolean } {
  const u = stmt.tree && 'UpdateStmt' in stmt.tree ? stmt.tree.UpdateStmt : undefined;
  const rel = u?.relation;
  const w = u?.whereClause;
  const or = w !== undefined && 'BoolExpr' in w && w.BoolExpr.boolop === 'OR_EXPR';
  if (!u || !rel?.relname || or || u.fromClause?.length)
    throw new MigrationError(
      `a backfill step is one UPDATE of a table without FROM, and without an OR at the top of its WHERE (the batches ` +
        `add their own range to it); statement ${stmt.n} is not`,
    );
  return { schema: rel.schemaname ?? 'public', name: rel.relname, where: w !== undefined };
}

// The primary key, else the unique index with the fewest columns that are all NOT NULL plain columns.
const KEY_QUERY = `
SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type
  FROM (SELECT i.indexrelid, i.indkey FROM pg_catalog.pg_index i
         WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute x
                            WHERE x.attrelid = i.indrelid AND x.attnum = ANY (i.indkey) AND NOT x.attnotnull)
         ORDER BY i.indisprimary DESC, i.indnatts, i.indexrelid LIMIT 1) k
  CROSS JOIN LATERAL unnest(k.indkey) WITH ORDINALITY AS c(attnum, n)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = $1::regclass AND a.attnum = c.attnum
 ORDER BY c.n`;

async function keyOf(db: Queryable, table: string): Promise<KeyColumn[]> {
  const key = await db.query<KeyColumn>(KEY_QUERY, [table]);
  if (key.length === 0)
    throw new MigrationError(
      `${table} has no primary key and no unique key of NOT NULL columns: a backfill has no order to go in batches by ` +
        `and to resume from. Add a primary key first, or change the column in place`,
    );
  return key;
}

/** `(a, b)` and `($2::int, $3::text)` for a key compared as a row. */
function keySql(key: readonly KeyColumn[], first: number): { cols: string; params: string } {
  return {
    cols: `(${key.map((k) => quoteIdent(k.name)).join(', ')})`,
    params: `(${key.map((k, i) => `$${first + i}::text::${k.type}`).join(', ')})`,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** With replicas, waits while any is further behind than the limit. */
async function waitForReplicas(db: Queryable, s: RunSettings, maxBytes: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const [r] = await db
      .query<{ lag: string | null }>(
        `SELECT max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn))::text AS lag
           FROM pg_catalog.pg_stat_replication`,
      )
      .catch(() => [{ lag: null }]);
    const lag = r?.lag == null ? 0 : Number(r.lag);
    if (lag <= maxBytes) return;
    s.onEvent?.({ type: 'replica-lag', bytes: lag, waitMs: Date.now() - started });
    await sleep(1000);
  }
}

export interface BackfillRun {
  /** Where an earlier run of this step stopped (JSON of BackfillCursor). */
  readonly cursor?: string;
  /** Records how far the step got, in the batch's transaction. */
  readonly save: (cursor: string) => Promise<void>;
  /** Runs a batch again after a lock timeout (the segment executor's retry). */
  readonly retry: (attempt: () => Promise<void>) => Promise<void>;
}

/** Runs the step's UPDATE over the whole table in key batches; returns the rows it updated. */
export async function runBackfill(db: Queryable, stmt: Statement, s: RunSettings, run: BackfillRun): Promise<number> {
  const t = target(stmt);
  const table = qualify(t.schema, t.name);
  const key = await keyOf(db, table);
  const cols = `ARRAY[${key.map((k) => `${quoteIdent(k.name)}::text`).join(', ')}] AS k`;
  const order = key.map((k) => quoteIdent(k.name)).join(', ');
  const { batchRows, pauseMs, maxReplicaLagBytes } = { ...DEFAULT_BACKFILL, ...s.backfill };
  let cursor: BackfillCursor;
  if (run.cursor) cursor = JSON.parse(run.cursor) as BackfillCursor;
  else {
    const desc = key.map((k) => `${quoteIdent(k.name)} DESC`).join(', ');
    const [top] = await db.query<{ k: string[] }>(`SELECT ${cols} FROM ${table} ORDER BY ${desc} LIMIT 1`);
    if (!top) return 0;
    cursor = { max: top.k, last: null };
  }
  const [est] = await db.query<{ n: number }>(
    `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_catalog.pg_class WHERE oid = $1::regclass`,
    [table],
  );
  const started = Date.now();
  let rows = 0;
  const n = key.length;
  const upTo = keySql(key, 1);
  const after = keySql(key, n + 1);
  while (cursor.last === null || cursor.last.join('\u0000') !== cursor.max.join('\u0000')) {
    if (maxReplicaLagBytes > 0) await waitForReplicas(db, s, maxReplicaLagBytes);
    const from = cursor.last;
    const lower = from ? ` AND ${after.cols} > ${after.params}` : '';
    const bounds = [...cursor.max, ...(from ?? [])];
    await run.retry(() =>
      inTransaction(db, async () => {
        await db.exec([...settingsSql(s, true), `SET LOCAL sfm.backfill = 'on'`].join('; '));
        // The batch's upper key: the batchRows-th key after the last one, or the highest when fewer are left.
        const [upper] = await db.query<{ k: string[] }>(
          `SELECT ${cols} FROM ${table} WHERE ${upTo.cols} <= ${upTo.params}${lower} ORDER BY ${order} ` +
            `OFFSET ${batchRows - 1} LIMIT 1`,
          bounds,
        );
        const end = upper ? upper.k : [...cursor.max];
        const [done] = await db.query<{ n: number }>(
          `WITH batch AS (${stmt.sql}\n ${t.where ? 'AND' : 'WHERE'} ${upTo.cols} <= ${upTo.params}${lower} RETURNING 1) ` +
            `SELECT count(*)::int AS n FROM batch`,
          [...end, ...(from ?? [])],
        );
        rows += done?.n ?? 0;
        cursor = { max: cursor.max, last: end };
        await run.save(JSON.stringify(cursor));
      }),
    );
    const done = cursor.last?.join('\u0000') === cursor.max.join('\u0000');
    s.onEvent?.({
      type: 'backfill',
      table: `${t.schema}.${t.name}`,
      rows,
      estimate: est?.n ?? 0,
      ms: Date.now() - started,
      done,
    });
    if (!done && pauseMs > 0) await sleep(pauseMs);
  }
  return rows;
}
