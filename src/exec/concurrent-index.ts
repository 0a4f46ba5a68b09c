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
