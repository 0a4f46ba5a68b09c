// A concurrent index build that failed leaves an invalid index behind; a re-run must rebuild it, not trip on it.
import type { Queryable } from '../db/queryable.js';
import type { ParsedStatement } from '../sql/parse.js';
import { qualify } from '../sql/quote.js';
import type { RunSettings } from './settings.js';

/** The index a CREATE INDEX CONCURRENTLY statement builds, as [schema, name]. */
export function concurrentIndexOf(stmt: ParsedStatement): [string, string] | undefined {
  const index = stmt.tree && 'IndexStmt' in stmt.tree ? stmt.tree.IndexStmt : undefined;
  if (index?.concurrent !== true || index.idxname === undefined) return undefined;
  return [index.relation?.schemaname ?? 'public', index.idxname];
}

/** The index a REINDEX INDEX CONCURRENTLY statement rebuilds, as [schema, name]. */
function concurrentReindexOf(stmt: ParsedStatement): [string, string] | undefined {
  const r = stmt.tree && 'ReindexStmt' in stmt.tree ? stmt.tree.ReindexStmt : undefined;
  if (r?.kind !== 'REINDEX_OBJECT_INDEX' || !r.relation?.relname) return undefined;
  if (!(r.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently')) return undefined;
  return [r.relation.schemaname ?? 'public', r.relation.relname];
}

/** A concurrent build or rebuild waits for every transaction older than it, whatever that transaction locks. (A
 * rebuild cut off leaves its INVALID copy, `name_ccnew`, which a re-run does not need: the next plan drops it.) */
export const waitsForOlderTransactions = (stmt: ParsedStatement): boolean =>
  concurrentIndexOf(stmt) !== undefined || concurrentReindexOf(stmt) !== undefined;

/** A failed concurrent build leaves an invalid index behind: drop it so the build can run again. A valid one
 * means an earlier run built it but stopped before recording that: keep it. */
export async function settleConcurrentIndex(
  db: Queryable,
  stmt: ParsedStatement,
  s: RunSettings,
): Promise<'build' | 'skip'> {
  const target = concurrentIndexOf(stmt);
  if (!target) return 'build';
  const rows = await db.query<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    target,
  );
  const row = rows[0];
  if (!row) return 'build';
  const index = qualify(...target);
  if (row.valid) {
    s.onEvent?.({ type: 'invalid-index', index, action: 'kept' });
    return 'skip';
  }
  await db.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
  s.onEvent?.({ type: 'invalid-index', index, action: 'rebuilt' });
  return 'build';
}
