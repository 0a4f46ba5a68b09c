// One catalog query for all tables with their columns (as JSON), read with search_path = '' so every
// non-catalog name is schema-qualified the same way on every server.
import type { Queryable } from '../../db/queryable.js';
import type { Scope } from '../../model/scope.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { collationId, schemaId, tableId, typeId } from '../shared/ids.js';
import type { CatalogRefs, CatalogRow } from '../shared/depends.js';
import type { Column, TableObject } from './table-model.js';
import { qualify } from '../../sql/quote.js';
import { calledFunctions, volatileNames } from '../../sql/functions.js';

// A partition's (or inheritance child's) copy of its parent's column default: what it uses is the parent's
// dependency, and goes with the parent's column (a serial column's sequence dropped with the parent's column must
// not hold the partition back). Evaluated only for inherited columns with a default.
const INHERITED_DEFAULT = `EXISTS (SELECT 1 FROM pg_catalog.pg_inherits ih
  JOIN pg_catalog.pg_attribute pa ON pa.attrelid = ih.inhparent AND pa.attname = a.attname
  JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
  WHERE ih.inhrelid = a.attrelid AND pg_catalog.pg_get_expr(pd.adbin, pd.adrelid) = pg_catalog.pg_get_expr(ad.adbin, ad.adrelid))`;

// Set-based: the tables in scope first (materialized), then their columns, parents and replica-identity indexes
// each aggregated in one pass and joined by oid; dependencies come from the shared pg_depend read (CatalogRefs).
const QUERY = `
WITH tbl AS MATERIALIZED (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions,
    c.relreplident, c.relispartition, c.relpartbound, n.nspname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
),
identity_seq AS (
  SELECT DISTINCT ON (d.refobjid, d.refobjsubid) d.refobjid, d.refobjsubid,
    json_build_object('start', s.seqstart::text, 'increment', s.seqincrement::text, 'min', s.seqmin::text,
      'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle) AS seq
  FROM tbl JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = tbl.oid
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid
  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'i' AND d.refobjsubid > 0
  ORDER BY d.refobjid, d.refobjsubid, d.objid
),
cols AS (
  SELECT a.attrelid, json_agg(json_build_object(
      'name', a.attname,
      'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
      'typeSchema', CASE WHEN bn.nspname NOT IN ('pg_catalog', 'information_schema') AND bt.typtype IN ('e', 'd', 'c', 'r', 'm')
                         THEN bn.nspname END,
      'typeName', bt.typname,
      'isArray', bt.oid <> t.oid,
      'notNull', a.attnotnull,
      'default', CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END,
      'generated', CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END,
      'stored', a.attgenerated = 's',
      'identity', NULLIF(a.attidentity, ''),
      'seq', CASE WHEN a.attidentity <> '' THEN sq.seq END,
      'collSchema', CASE WHEN a.attcollation <> t.typcollation THEN con.nspname END,
      'collName', CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
      'inherited', a.attinhcount > 0 AND NOT a.attislocal,
      'storage', a.attstorage, 'storageIsDefault', a.attstorage = t.typstorage,
      'statistics', CASE WHEN a.attstattarget::int >= 0 THEN a.attstattarget::int END,
      'compression', CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END,
      'defaultOid', ad.oid::text,
      'inheritedDefault', CASE WHEN ad.oid IS NOT NULL AND a.attinhcount > 0 AND NOT a.attislocal THEN ${INHERITED_DEFAULT} END
    ) ORDER BY a.attnum) AS columns
  FROM tbl
  JOIN pg_catalog.pg_attribute a ON a.attrelid = tbl.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN t.typelem ELSE t.oid END
  JOIN pg_catalog.pg_namespace bn ON bn.oid = bt.typnamespace
  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
  LEFT JOIN identity_seq sq ON sq.refobjid = a.attrelid AND sq.refobjsubid = a.attnum
  GROUP BY a.attrelid
),
parents AS (
  SELECT i.inhrelid, json_agg(json_build_object('schema', pn.nspname, 'name', pc.relname) ORDER BY i.inhseqno) AS parents
  FROM tbl JOIN pg_catalog.pg_inherits i ON i.inhrelid = tbl.oid
  JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
  GROUP BY i.inhrelid
),
replica AS (
  SELECT x.indrelid, ri.relname FROM tbl JOIN pg_catalog.pg_index x ON x.indrelid = tbl.oid AND x.indisreplident
  JOIN pg_catalog.pg_class ri ON ri.oid = x.indexrelid
)
SELECT tbl.nspname AS schema, tbl.relname AS name, tbl.relpersistence = 'u' AS unlogged,
  tbl.relrowsecurity AS row_security, tbl.relforcerowsecurity AS force_row_security, coalesce(tbl.reloptions, '{}') AS options,
  tbl.relreplident AS replica_identity, replica.relname AS replica_index,
  CASE WHEN tbl.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(tbl.oid) END AS partition_key,
  CASE WHEN tbl.relispartition THEN pg_catalog.pg_get_expr(tbl.relpartbound, tbl.oid) END AS partition_bound,
  coalesce(parents.parents, '[]'::json) AS parents, coalesce(cols.columns, '[]'::json) AS columns, tbl.oid::text AS oid
FROM tbl
LEFT JOIN cols ON cols.attrelid = tbl.oid
LEFT JOIN parents ON parents.inhrelid = tbl.oid
LEFT JOIN replica ON replica.indrelid = tbl.oid`;

interface ColumnRow {
  name: string;
  type: string;
  typeSchema: string | null;
  typeName: string;
  isArray: boolean;
  notNull: boolean;
  default: string | null;
  generated: string | null;
  stored: boolean;
  identity: 'a' | 'd' | null;
  seq: { start: string; increment: string; min: string; max: string; cache: string; cycle: boolean } | null;
  collSchema: string | null;
  collName: string | null;
  inherited: boolean;
  storage: Column['storage'];
  storageIsDefault: boolean;
  statistics: number | null;
  compression: Column['compression'];
  defaultOid: string | null;
  inheritedDefault: boolean | null;
}

interface TableRow {
  schema: string;
  name: string;
  unlogged: boolean;
  columns: ColumnRow[];
  oid: string;
  row_security: boolean;
  force_row_security: boolean;
  options: string[];
  replica_identity: 'd' | 'n' | 'f' | 'i';
  replica_index: string | null;
  partition_key: string | null;
  partition_bound: string | null;
  parents: { schema: string; name: string }[];
}

function toColumn(r: ColumnRow, volatile: ReadonlySet<string>, calls: ReadonlyMap<string, string[]>): Column {
  const builtinCollation = r.collSchema === 'pg_catalog';
  return {
    name: r.name,
    type: r.type,
    typeRef: r.typeSchema ? typeId(r.typeSchema, r.typeName) : null,
    typeIsArray: r.isArray,
    notNull: r.notNull,
    default: r.default,
    defaultVolatile: r.default !== null && (calls.get(r.default) ?? []).some((f) => volatile.has(f)),
    identity: r.identity && r.seq ? { generation: r.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT', options: r.seq } : null,
    generated: r.generated !== null ? { expression: r.generated, stored: r.stored } : null,
    collation: r.collSchema && r.collName ? qualify(r.collSchema, r.collName) : null,
    collationRef: r.collSchema && r.collName && !builtinCollation ? collationId(r.collSchema, r.collName) : null,
    inherited: r.inherited,
    storage: r.storage,
    storageIsDefault: r.storageIsDefault,
    statistics: r.statistics,
    compression: r.compression,
  };
}

function partitionOf(r: TableRow): TableObject['partitionOf'] {
  const p = r.parents[0];
  if (r.partition_bound === null || !p) return null;
  return { parent: tableId(p.schema, p.name), schema: p.schema, table: p.name, bound: r.partition_bound };
}

const ownDefaults = (r: TableRow): CatalogRow[] =>
  r.columns.flatMap((c): CatalogRow[] =>
    c.defaultOid !== null && !c.inheritedDefault ? [['pg_attrdef', c.defaultOid]] : [],
  );

export async function queryTables(db: Queryable, scope: Scope, refs: CatalogRefs): Promise<TableObject[]> {
  const rows = await db.query<TableRow>(QUERY, scopeParams(scope));
  const defaults = [
    ...new Set(rows.flatMap((r) => r.columns.map((c) => c.default)).filter((d): d is string => d !== null)),
  ];
  const calls = new Map(await Promise.all(defaults.map(async (d) => [d, await calledFunctions(d)] as const)));
  const volatile = await volatileNames(db, [...calls.values()].flat());
  return rows.map((r) => ({
    kind: 'table' as const,
    id: tableId(r.schema, r.name),
    schema: r.schema,
    name: r.name,
    unlogged: r.unlogged,
    rowSecurity: r.row_security,
    forceRowSecurity: r.force_row_security,
    options: [...r.options].sort(),
    replicaIdentity: r.replica_identity,
    replicaIndex: r.replica_index,
    partitionKey: r.partition_key,
    partitionOf: partitionOf(r),
    inherits: r.partition_bound !== null ? [] : r.parents,
    columns: r.columns.map((c) => toColumn(c, volatile, calls)),
    expressionRefs: refs.dependsOn([['pg_class', r.oid], ...ownDefaults(r)], tableId(r.schema, r.name)),
  }));
}

export function tableDependencies(t: TableObject): string[] {
  const deps = new Set<string>([
    schemaId(t.schema),
    ...t.expressionRefs,
    ...t.inherits.map((p) => tableId(p.schema, p.name)),
  ]);
  if (t.partitionOf) deps.add(t.partitionOf.parent);
  for (const c of t.columns) {
    if (c.typeRef) deps.add(c.typeRef);
    if (c.collationRef) deps.add(c.collationRef);
  }
  return [...deps];
}
