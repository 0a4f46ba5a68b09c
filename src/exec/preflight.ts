// Before a segment takes its locks on a live database: who else holds or waits for a lock on the relations it
// touches and would make it queue (and every query after it queue behind it): sessions idle in a transaction,
// transactions older than the lock timeout, and lock requests already waiting. Ordinary short traffic is not a
// blocker. Policy: wait up to a bound for them to go, then refuse naming them (nothing was run, no lock requested),
// or warn and go on.
import type { Node } from '@pgsql/types';
import type { Queryable } from '../db/queryable.js';
import { MigrationError } from '../errors.js';
import type { Statement } from '../migrations/segments.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import { relationsIn } from '../sql/tree.js';
import type { Blocker, RunSettings } from './settings.js';

const QUERY = `
WITH named AS (
  SELECT pg_catalog.to_regclass(n) AS oid FROM pg_catalog.unnest($1::text[]) AS n
), target AS (
  SELECT oid FROM named WHERE oid IS NOT NULL
  UNION SELECT i.indrelid FROM pg_catalog.pg_index i JOIN named ON named.oid = i.indexrelid
)
SELECT DISTINCT a.pid, coalesce(a.application_name, '') AS application, coalesce(a.state, '') AS state,
  coalesce(floor(extract(epoch FROM pg_catalog.now() - a.xact_start) * 1000), 0)::float8 AS transaction_ms,
  n.nspname || '.' || c.relname AS relation, l.mode, l.granted
FROM pg_catalog.pg_locks l
JOIN target t ON t.oid = l.relation
JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
JOIN pg_catalog.pg_class c ON c.oid = l.relation
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE l.pid <> pg_catalog.pg_backend_pid()
  -- An autovacuum worker gives way to a lock request after deadlock_timeout: not a blocker, unless it runs to
  -- prevent wraparound (then it does not).
  AND NOT (a.backend_type = 'autovacuum worker' AND coalesce(a.query, '') NOT LIKE '%to prevent wraparound%')
  AND ((a.state LIKE 'idle in transaction%' AND a.state_change < pg_catalog.now() - pg_catalog.make_interval(secs => $3::float8 / 1000))
       OR NOT l.granted
       OR a.xact_start < pg_catalog.now() - pg_catalog.make_interval(secs => $2::float8 / 1000))
UNION
SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''),
  coalesce(floor(extract(epoch FROM pg_catalog.now() - a.xact_start) * 1000), 0)::float8,
  '(any: a concurrent index build waits for every older transaction of the database)', '', true
FROM pg_catalog.pg_stat_activity a
WHERE $4::boolean AND a.pid <> pg_catalog.pg_backend_pid() AND a.datname = pg_catalog.current_database()
  AND a.backend_type = 'client backend' AND a.xact_start IS NOT NULL AND a.backend_xmin IS NOT NULL
  AND ((a.state LIKE 'idle in transaction%' AND a.state_change < pg_catalog.now() - pg_catalog.make_interval(secs => $3::float8 / 1000))
       OR a.xact_start < pg_catalog.now() - pg_catalog.make_interval(secs => $2::float8 / 1000))
ORDER BY 1`;

/** The relations a segment's statements name (tables, indexes, sequences, views), as regclass text. */
export function segmentRelations(statements: readonly Statement[]): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    // A RangeVar with a catalog name (db.schema.t) is refused by PostgreSQL itself; it is not looked up here.
    for (const r of relationsIn(s.tree)) out.add(r.schema ? qualify(r.schema, r.name) : quoteIdent(r.name));
    for (const name of droppedNames(s.tree)) out.add(name);
  }
  return [...out];
}

/** Drops of relations name them; drops of a table's trigger, policy or rule name the table, then the object. */
const RELATION_DROPS = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_VIEW', 'OBJECT_MATVIEW']);
const ON_TABLE_DROPS = new Set(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

/** The relations a DROP locks (`DROP INDEX a.b`, `DROP TRIGGER t ON a.b`), as regclass text. */
function droppedNames(tree: Node | undefined): string[] {
  if (!tree || !('DropStmt' in tree)) return [];
  const kind = String(tree.DropStmt.removeType);
  const onTable = ON_TABLE_DROPS.has(kind);
  if (!onTable && !RELATION_DROPS.has(kind)) return [];
  return (tree.DropStmt.objects ?? []).flatMap((o) => {
    if (!('List' in o)) return [];
    const all = (o.List.items ?? []).map((i) => ('String' in i ? (i.String.sval ?? '') : ''));
    const parts = onTable ? all.slice(0, -1) : all;
    return parts.length >= 1 && parts.length <= 2 ? [parts.map(quoteIdent).join('.')] : [];
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const describe = (b: Blocker) =>
  `pid ${b.pid}${b.application ? ` (${b.application})` : ''}, ${b.state || 'no state'}, transaction open ` +
  `${Math.round(b.transactionMs / 1000)} s, ${b.mode ? `${b.granted ? 'holds' : 'waits for'} ${b.mode} on ` : ''}${b.relation}`;

/** Waits for the blockers of a segment's relations to go, then refuses or warns (RunSettings.preflight); before a
 * concurrent index build (`concurrent`), also for every long or idle transaction of the database that holds a
 * snapshot (backend_xmin): the build waits for those whatever they lock (a READ COMMITTED session idle between
 * statements holds none, and is not waited for). */
export async function preflight(
  db: Queryable,
  file: string,
  relations: readonly string[],
  s: RunSettings,
  concurrent = false,
) {
  const policy = s.preflight;
  if (!policy || policy.mode === 'off' || relations.length === 0) return;
  const longMs = policy.longTransactionMs;
  const started = Date.now();
  for (;;) {
    const rows = await db.query<{
      pid: number;
      application: string;
      state: string;
      transaction_ms: number;
      relation: string;
      mode: string;
      granted: boolean;
    }>(QUERY, [relations, longMs, policy.idleMs, concurrent]);
    const blockers: Blocker[] = rows.map((r) => ({
      pid: r.pid,
      application: r.application,
      state: r.state,
      transactionMs: r.transaction_ms,
      relation: r.relation,
      mode: r.mode,
      granted: r.granted,
    }));
    if (blockers.length === 0) return;
    if (Date.now() - started >= policy.waitMs) {
      s.onEvent?.({ type: 'preflight', file, blockers, action: policy.mode === 'warn' ? 'went on' : 'refused' });
      if (policy.mode === 'warn') return;
      throw new MigrationError(
        `${file}: refusing to queue for locks behind other sessions (waited ${policy.waitMs} ms; nothing was run):\n  ` +
          `${blockers.map(describe).join('\n  ')}\n  end those transactions, or pass --preflight warn to queue anyway`,
        { details: { file, sessions: blockers } },
      );
    }
    await sleep(Math.min(250, policy.waitMs));
  }
}
