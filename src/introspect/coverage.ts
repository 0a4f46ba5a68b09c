// What the catalog holds that no kind manages: one set-based query over every catalog of user objects, so that an
// object sfm-schema does not model is named, never silently skipped. Each kind declares the types it covers
// (ObjectKind.covers); entries of every other type come back, extension members and parts of other objects
// (a range's constructors, a view's rule) left out.
import type { Queryable } from '../db/queryable.js';
import type { Scope } from '../model/scope.js';
import type { UnmanagedObject } from '../model/model.js';
import type { CatalogRefs } from '../objects/shared/depends.js';
import { schemaFilter, scopeParams } from '../objects/shared/scope.js';

/** An entry's type: one for the whole catalog, or by the value of a column (relkind, typtype, prokind). */
type ProbeType =
  | string
  | { readonly column: string; readonly map: Readonly<Record<string, string>>; readonly otherwise?: string };

interface Probe {
  readonly catalog: `pg_${string}`;
  /** The coverage scan's names, which kinds' `covers` use. */
  readonly type: ProbeType;
  /** Where the catalog is not readable by everyone: a view of it with the same oids. */
  readonly from?: string;
  readonly where?: string;
  /** SQL of the schema where pg_identify_object gives none although the object lives in one. */
  readonly schema?: string;
  /** For an entry about another object (a security label): SQL of that object's catalog and column number, which
   * name it; `oid` is then that object's. */
  readonly about?: { readonly classid: string; readonly subid: string };
}

const quoted = (t: string) => `'${t.replace(/'/g, "''")}'`;

function typeSql(t: ProbeType): string {
  if (typeof t === 'string') return quoted(t);
  const whens = Object.entries(t.map).map(([v, name]) => `WHEN ${quoted(v)} THEN ${quoted(name)}`);
  return `CASE ${t.column} ${whens.join(' ')}${t.otherwise ? ` ELSE ${quoted(t.otherwise)}` : ''} END`;
}

const typesOf = (t: ProbeType): string[] =>
  typeof t === 'string' ? [t] : [...Object.values(t.map), ...(t.otherwise ? [t.otherwise] : [])];

const relkind: ProbeType = {
  column: 'relkind',
  map: { r: 'table', p: 'table', v: 'view', m: 'materialized view', S: 'sequence', i: 'index', I: 'index' },
  otherwise: 'foreign table',
};
const typtype: ProbeType = {
  column: 'typtype',
  map: { e: 'enum', d: 'domain', r: 'range type', c: 'composite type', p: 'shell type' },
  otherwise: 'base type',
};
const prokind: ProbeType = {
  column: 'prokind',
  map: { a: 'aggregate', w: 'window function', p: 'procedure' },
  otherwise: 'function',
};

const PROBES: readonly Probe[] = [
  { catalog: 'pg_namespace', type: 'schema' },
  { catalog: 'pg_extension', type: 'extension' },
  { catalog: 'pg_collation', type: 'collation' },
  // Composite types are read from pg_type; TOAST tables belong to their tables.
  { catalog: 'pg_class', type: relkind, where: `relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'f')` },
  {
    catalog: 'pg_type',
    type: typtype,
    // Not: multiranges (made with their range), arrays (made with their type), row types of tables and views.
    where: `typtype <> 'm' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type el WHERE el.typarray = p.oid)
      AND (typrelid = 0 OR EXISTS (SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = typrelid AND r.relkind = 'c'))`,
  },
  { catalog: 'pg_proc', type: prokind },
  { catalog: 'pg_trigger', type: 'trigger', where: 'NOT tgisinternal' },
  { catalog: 'pg_policy', type: 'policy' },
  { catalog: 'pg_event_trigger', type: 'event trigger' },
  {
    catalog: 'pg_rewrite',
    type: 'rule',
    where: `rulename <> '_RETURN'`,
    schema: `(SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = p.ev_class)`,
  },
  { catalog: 'pg_statistic_ext', type: 'statistics object' },
  { catalog: 'pg_ts_config', type: 'text search configuration' },
  { catalog: 'pg_ts_dict', type: 'text search dictionary' },
  { catalog: 'pg_ts_parser', type: 'text search parser' },
  { catalog: 'pg_ts_template', type: 'text search template' },
  { catalog: 'pg_cast', type: 'cast' },
  { catalog: 'pg_operator', type: 'operator' },
  { catalog: 'pg_opclass', type: 'operator class' },
  { catalog: 'pg_opfamily', type: 'operator family' },
  { catalog: 'pg_conversion', type: 'conversion' },
  { catalog: 'pg_transform', type: 'transform' },
  { catalog: 'pg_language', type: 'language' },
  { catalog: 'pg_am', type: 'access method' },
  { catalog: 'pg_foreign_data_wrapper', type: 'foreign-data wrapper' },
  { catalog: 'pg_foreign_server', type: 'server' },
  // pg_user_mapping holds the options (passwords): only the view's oids are read, never its options.
  { catalog: 'pg_user_mapping', type: 'user mapping', from: '(SELECT umid AS oid FROM pg_catalog.pg_user_mappings)' },
  {
    catalog: 'pg_default_acl',
    type: 'default privileges',
    schema: `(SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = p.defaclnamespace)`,
  },
  { catalog: 'pg_publication', type: 'publication' },
  // No kind manages security labels (a label provider such as sepgsql must be loaded to set one): each is named by
  // the object it labels.
  {
    catalog: 'pg_seclabel',
    type: 'security label',
    from: '(SELECT objoid AS oid, classoid, objsubid FROM pg_catalog.pg_seclabel)',
    about: { classid: 'p.classoid', subid: 'p.objsubid' },
  },
  {
    catalog: 'pg_subscription',
    type: 'subscription',
    where: `subdbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())`,
  },
];

/** Every type the scan can give (for the test that each kind's `covers` names real ones). */
export const PROBE_TYPES: readonly string[] = [...new Set(PROBES.flatMap((p) => typesOf(p.type)))];

function probeSql(p: Probe): string {
  const from = p.from ?? `pg_catalog.${p.catalog}`;
  return `SELECT '${p.catalog}' AS catalog, ${p.about?.classid ?? `'pg_catalog.${p.catalog}'::regclass`} AS classid,
    p.oid AS objid, ${p.about?.subid ?? '0'} AS objsubid, ${p.about ? 'true' : 'false'} AS about, ${typeSql(p.type)} AS type,
    ${p.schema ?? 'NULL::name'} AS schema_of FROM ${from} p
    WHERE p.oid >= 16384::oid${p.where ? ` AND (${p.where})` : ''}`;
}

// The probes' columns are unqualified inside each branch; `p` is the probed row. Parameters: $1 and $2 the scope
// (objects/shared/scope.ts), $3 the covered types.
const QUERY = `
WITH entry AS MATERIALIZED (
  SELECT * FROM (${PROBES.map(probeSql).join('\n  UNION ALL ')}) e
  WHERE e.type <> ALL($3::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = e.classid AND d.objid = e.objid
      AND d.deptype IN ('e', 'x', 'i'))
)
SELECT CASE WHEN e.about THEN e.classid::regclass::text ELSE e.catalog END AS catalog, e.objid::text AS oid, e.type,
  o.identity, coalesce(e.schema_of, o.schema) AS schema, e.about
FROM entry e, LATERAL pg_catalog.pg_identify_object(e.classid, e.objid, e.objsubid) o
WHERE coalesce(e.schema_of, o.schema) IS NULL OR ${schemaFilter('coalesce(e.schema_of, o.schema)')}
ORDER BY e.type, o.identity`;

export async function readUnmanaged(
  db: Queryable,
  scope: Scope,
  refs: CatalogRefs,
  covered: readonly string[],
): Promise<UnmanagedObject[]> {
  const rows = await db.query<{
    catalog: `pg_${string}`;
    oid: string;
    type: string;
    identity: string;
    schema: string | null;
    about: boolean;
  }>(QUERY, [...scopeParams(scope), [...covered]]);
  return rows.map((r) => {
    // An entry about another object (a label) goes with that object: it is what a drop of it would take along.
    const about = r.about ? refs.idOf(r.catalog, r.oid) : undefined;
    return {
      type: r.type,
      identity: r.identity,
      schema: r.schema,
      dependsOn: r.about ? (about ? [about] : []) : refs.dependsOn([[r.catalog, r.oid]]),
    };
  });
}
