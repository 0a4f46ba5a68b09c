// What the proof reads from the dev database's catalog, kind-free: the tables with their columns and foreign keys
// (to fill them), where each table's storage lives (to see rewrites), and row counts and hashes (to see rows kept).
import { queryUnion, type Queryable } from '../db/queryable.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import { schemaFilter, scopeParams } from '../objects/shared/scope.js';
import type { Scope } from '../model/scope.js';

export interface CatalogColumn {
  readonly name: string;
  /** format_type() of the column. */
  readonly type: string;
  /** The type that decides the sample value: a domain's base type, an array's element type. */
  readonly baseType: string;
  readonly category: string;
  readonly isArray: boolean;
  readonly isDomain: boolean;
  readonly isEnum: boolean;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
  readonly generated: boolean;
  readonly identity: boolean;
  readonly maxLength: number | null;
  /** An enum's labels, in order (read with the state, so a type the plan creates is known before it exists). */
  readonly labels: readonly string[] | null;
  /** The default expression (pg_get_expr), if any. */
  readonly defaultExpr?: string | null;
  /** A range type's subtype and its category (the bounds' type). */
  readonly rangeSubtype?: string | null;
  readonly rangeCategory?: string | null;
  /** The CHECK expressions of a domain and the domains below it (over VALUE). */
  readonly domainChecks?: readonly string[] | null;
}

/** A CHECK constraint of a table: its expression (over the bare column names) and the columns it reads. */
export interface CatalogCheck {
  readonly columns: readonly string[];
  readonly expression: string;
}

/** A unique index or constraint: its key columns, and its expressions and predicate (what they read). */
interface CatalogUnique {
  /** The index's name (a unique constraint's too). */
  readonly name: string;
  readonly columns: readonly string[];
  readonly expressions: string | null;
}

export interface CatalogTable {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly partitioned: boolean;
  readonly partition: boolean;
  readonly columns: readonly CatalogColumn[];
  readonly checks?: readonly CatalogCheck[];
  readonly uniques?: readonly CatalogUnique[];
  /** Single- and multi-column foreign keys: own columns → referenced table and columns. */
  readonly foreignKeys: readonly {
    readonly columns: readonly string[];
    readonly refSchema: string;
    readonly refTable: string;
    readonly refColumns: readonly string[];
  }[];
}

const TABLES = `
SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind = 'p' AS partitioned, c.relispartition AS partition,
  coalesce((SELECT json_agg(json_build_object(
      'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
      'baseType', pg_catalog.format_type(CASE WHEN bt.typtype = 'd' THEN bt.typbasetype ELSE bt.oid END, NULL),
      'category', (SELECT x.typcategory FROM pg_catalog.pg_type x WHERE x.oid = CASE WHEN bt.typtype = 'd' THEN
        bt.typbasetype ELSE bt.oid END),
      'isArray', t.typcategory = 'A', 'isDomain', bt.typtype = 'd',
      'isEnum', (SELECT x.typtype = 'e' FROM pg_catalog.pg_type x WHERE x.oid = CASE WHEN bt.typtype = 'd' THEN
        bt.typbasetype ELSE bt.oid END),
      'notNull', a.attnotnull, 'hasDefault', a.atthasdef, 'generated', a.attgenerated <> '', 'identity', a.attidentity <> '',
      'maxLength', CASE WHEN a.atttypmod > 4 AND bt.typcategory = 'S' THEN a.atttypmod - 4 END,
      'labels', (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
                 WHERE e.enumtypid = CASE WHEN bt.typtype = 'd' THEN bt.typbasetype ELSE bt.oid END),
      'defaultExpr', (SELECT pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) FROM pg_catalog.pg_attrdef ad
                      WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum),
      'rangeSubtype', (SELECT pg_catalog.format_type(r.rngsubtype, NULL) FROM pg_catalog.pg_range r
                       WHERE r.rngtypid = CASE WHEN bt.typtype = 'd' THEN bt.typbasetype ELSE bt.oid END),
      'rangeCategory', (SELECT x.typcategory FROM pg_catalog.pg_range r JOIN pg_catalog.pg_type x ON x.oid = r.rngsubtype
                        WHERE r.rngtypid = CASE WHEN bt.typtype = 'd' THEN bt.typbasetype ELSE bt.oid END),
      'domainChecks', (SELECT json_agg(pg_catalog.pg_get_expr(k.conbin, 0)) FROM pg_catalog.pg_constraint k
                       WHERE k.contypid = bt.oid AND k.contype = 'c')
    ) ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]'::json) AS columns,
  coalesce((SELECT json_agg(json_build_object(
      'columns', coalesce((SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
                           WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)), '[]'::json),
      'expression', pg_catalog.pg_get_expr(k.conbin, k.conrelid)) ORDER BY k.conname)
    FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c'), '[]'::json) AS checks,
  coalesce((SELECT json_agg(json_build_object(
      'name', (SELECT i.relname FROM pg_catalog.pg_class i WHERE i.oid = x.indexrelid),
      'columns', coalesce((SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
                           WHERE a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey::int2[])), '[]'::json),
      'expressions', nullif(concat_ws(' ', pg_catalog.pg_get_expr(x.indexprs, x.indrelid), pg_catalog.pg_get_expr(x.indpred,
        x.indrelid)), '')))
    FROM pg_catalog.pg_index x WHERE x.indrelid = c.oid AND x.indisunique), '[]'::json) AS uniques,
  coalesce((SELECT json_agg(json_build_object(
      'columns', (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(f.conkey) WITH ORDINALITY k(n, i)
                  JOIN pg_catalog.pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.n),
      'refSchema', rn.nspname, 'refTable', rc.relname,
      'refColumns', (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(f.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.n)))
    FROM pg_catalog.pg_constraint f JOIN pg_catalog.pg_class rc ON rc.oid = f.confrelid
    JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.conparentid = 0), '[]'::json) AS foreign_keys
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND ${schemaFilter('n.nspname')}
ORDER BY n.nspname, c.relname`;

export async function readTables(db: Queryable, scope: Scope): Promise<CatalogTable[]> {
  const rows = await db.query<Omit<CatalogTable, 'foreignKeys'> & { foreign_keys: CatalogTable['foreignKeys'] }>(
    TABLES,
    scopeParams(scope),
  );
  return rows.map(({ foreign_keys, ...t }) => ({ ...t, foreignKeys: foreign_keys }));
}

/** Every user table's storage file, by oid: a new one after a step means the step rewrote the table. */
export interface Storage {
  readonly relfilenode: number;
  readonly schema: string;
  readonly table: string;
  /** `schema.table`, as the proof's row counts are keyed. */
  readonly name: string;
}

const STORAGE_FROM = `FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;

/** One value that changes when the storage, name or existence of one of the given tables does: most steps change
 * none, and then the tables need not be read again. Only tables holding sample rows can lose or rewrite rows, so
 * only they are looked at: a read of every table per step made the proof quadratic (3,250 steps creating 1,000
 * tables read 1,000 tables after each). */
export async function storageFingerprint(db: Queryable, oids: readonly number[]): Promise<string> {
  if (!oids.length) return '';
  const rows = await db.query<{ h: string | null }>(
    `SELECT md5(string_agg(c.oid::text || ':' || c.relfilenode::text || ':' || n.nspname || '.' || c.relname, ',' ORDER BY ` +
      `c.oid)) AS h ${STORAGE_FROM} AND c.oid = ANY($1::oid[])`,
    [oids],
  );
  return rows[0]?.h ?? '';
}

export async function readStorage(db: Queryable): Promise<Map<number, Storage>> {
  const rows = await db.query<{ oid: number; relfilenode: number; schema: string; table: string }>(
    `SELECT c.oid::int AS oid, c.relfilenode::int AS relfilenode, n.nspname AS schema, c.relname AS table ${STORAGE_FROM}`,
  );
  return new Map(
    rows.map((r) => [
      r.oid,
      { relfilenode: r.relfilenode, schema: r.schema, table: r.table, name: `${r.schema}.${r.table}` },
    ]),
  );
}

export interface RowDigest {
  readonly rows: number;
  readonly hash: string;
}

/**
 * Row count and a hash of the given columns' values, per table, in unions of queries (tables without columns to compare
 * get a count only). Partitioned tables are read through their partitions, so each row is counted once.
 */
export async function readDigests(
  db: Queryable,
  tables: readonly { key: string; schema: string; name: string; columns: readonly string[] }[],
): Promise<Map<string, RowDigest>> {
  if (tables.length === 0) return new Map();
  const parts = tables.map((t, i) => {
    const row = t.columns.length ? `ROW(${t.columns.map((c) => `x.${quoteIdent(c)}`).join(', ')})::text` : `''`;
    return (
      `SELECT ${i} AS i, count(*)::int AS n, md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${row}), '')) AS h FROM ` +
      `ONLY ${qualify(t.schema, t.name)} AS x`
    );
  });
  const rows = await queryUnion<{ i: number; n: number; h: string }>(db, parts);
  return new Map(rows.map((r) => [tables[r.i]?.key ?? '', { rows: r.n, hash: r.h }]));
}

/** The relation locks this session holds, stronger than a read's, as `Mode on schema.relation` (the proof reads
 * after each step, inside its transaction: what the steps so far took). */
export async function readOwnLocks(db: Queryable, relations: readonly number[]): Promise<Set<string>> {
  if (!relations.length) return new Set();
  const rows = await db.query<{ lock: string }>(
    `SELECT DISTINCT l.mode || ' on ' || n.nspname || '.' || c.relname AS lock
     FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_class c ON c.oid = l.relation
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.mode <> 'AccessShareLock'
       AND l.relation = ANY($1::oid[])`,
    [relations],
  );
  return new Set(rows.map((r) => r.lock));
}

/** The user relations there are now (every kind): the ones whose locks a migration takes from the application.
 * A relation the migration creates is seen by no one else until it commits, and a lock on it keeps nobody waiting;
 * leaving those out also keeps the proof linear (a section creating 1,000 tables read thousands of its own new
 * locks after each step). */
export async function readRelationOids(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ oid: number }>(
    `SELECT c.oid::int AS oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_toast%'`,
  );
  return rows.map((r) => r.oid);
}
