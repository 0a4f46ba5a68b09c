// Facts the proof reads straight from the catalog, beside the model: a reader that collapses two states into one
// (a peer's reads PostgreSQL 18 VIRTUAL generated columns as STORED and still passes its own proof) makes the model
// hashes agree where the databases do not. These facts come from raw catalog columns by a query of their own, so the
// proof compares the databases, not only what the readers make of them.
import type { Queryable } from '../db/queryable.js';
import type { Scope } from '../model/scope.js';
import { notFromExtension, schemaFilter, scopeParams } from '../objects/shared/scope.js';

/** `kind name` → the raw catalog values that must agree. */
export type Facts = ReadonlyMap<string, string>;

// Identity sequences are keyed by their column: their names are PostgreSQL's choice, not the schema's.
const FACTS = `
WITH rel AS MATERIALIZED (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relreplident,
    EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
      AND d.deptype = 'i' AND c.relkind = 'S') AS identity
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')})
SELECT 'relation ' || nspname || '.' || relname AS key, concat_ws(' ', relkind::text, relpersistence::text, relreplident::text) AS fact
FROM rel WHERE NOT identity
UNION ALL
SELECT 'column ' || r.nspname || '.' || r.relname || '.' || a.attname,
  concat_ws(' ', pg_catalog.format_type(a.atttypid, a.atttypmod), 'generated=' || a.attgenerated::text, 'identity=' || a.attidentity::text,
    'collation=' || a.attcollation::regcollation::text)
FROM rel r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE r.relkind <> 'S'
UNION ALL
SELECT CASE WHEN NOT r.identity THEN 'sequence ' || r.nspname || '.' || r.relname
  ELSE 'identity ' || tn.nspname || '.' || t.relname || '.' || ta.attname END,
  concat_ws(' ', pg_catalog.format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle)
FROM rel r JOIN pg_catalog.pg_sequence s ON s.seqrelid = r.oid
LEFT JOIN pg_catalog.pg_depend d ON r.identity AND d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = r.oid AND d.deptype = 'i'
LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid`;

export async function readFacts(db: Queryable, scope: Scope): Promise<Facts> {
  const rows = await db.query<{ key: string; fact: string }>(FACTS, scopeParams(scope));
  return new Map(rows.map((r) => [r.key, r.fact]));
}

/** What differs between two readings, one line each (at most `limit`). */
export function factDifferences(expected: Facts, actual: Facts, limit = 20): string[] {
  const out: string[] = [];
  for (const [key, fact] of expected) {
    const now = actual.get(key);
    if (now !== fact)
      out.push(now === undefined ? `${key}: missing (expected ${fact})` : `${key}: ${now}, expected ${fact}`);
  }
  for (const [key, fact] of actual) if (!expected.has(key)) out.push(`${key}: ${fact}, not expected`);
  return out.slice(0, limit);
}
