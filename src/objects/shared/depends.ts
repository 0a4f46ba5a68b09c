// pg_depend read once per introspection, set-based, and joined in memory: what each object depends on, by our
// ids. Kinds' catalog queries return the oids of their objects and ask here, instead of resolving every
// dependency row with subqueries of their own (which cost a lookup per row, ~0.5 s per 1,000 tables).
import type { Queryable } from '../../db/queryable.js';
import type { ObjectId } from '../../model/model.js';
import { idPartsSql, operatorSignatureSql } from './ids.js';

/** A system catalog (pg_class, pg_proc, …): every one of them lists what its rows depend on in pg_depend. */
type Catalog = `pg_${string}`;

/** A catalog row: its catalog and its oid (as text, as the kinds' queries return it). */
export type CatalogRow = readonly [Catalog, string];

export interface CatalogRefs {
  /** Sorted ids of what these rows depend on (normal and automatic entries), without `self`. */
  dependsOn(rows: readonly CatalogRow[], self?: ObjectId): ObjectId[];
  /** `schema.table.column` keys of the columns these rows reference, except columns of relation `exceptOid`. */
  columnRefs(rows: readonly CatalogRow[], exceptOid?: string): string[];
  /** Our id of a catalog object (members of an extension: the extension), or undefined for system objects. */
  idOf(catalog: string, oid: string): ObjectId | undefined;
}

const notSystem = (ns: string) => `${ns} NOT LIKE 'pg\\_%' AND ${ns} <> 'information_schema'`;

// Objects users create have OIDs from FirstNormalObjectId (16384) on, also after OID wrap-around: this skips the
// thousands of entries among built-in objects. Internal entries count only for the columns a rule, trigger or
// policy uses (the dependency kinds columnRefs has always read).
const DEPEND_ROWS = `
  SELECT d.classid, d.objid, d.refclassid, d.refobjid, d.refobjsubid, d.deptype FROM pg_catalog.pg_depend d
  WHERE d.objid >= 16384::oid AND (d.deptype IN ('n', 'a') OR (d.deptype = 'i' AND d.refobjsubid > 0
    AND d.classid IN ('pg_catalog.pg_rewrite'::regclass, 'pg_catalog.pg_trigger'::regclass, 'pg_catalog.pg_policy'::regclass)))`;

const DEPENDS_QUERY = `
SELECT d.classid::regclass::text AS cls, d.objid::text AS objid, d.refclassid::regclass::text AS refcls,
  d.refobjid::text AS refobjid, d.deptype IN ('n', 'a') AS counts,
  CASE WHEN ca.attname IS NOT NULL THEN ${idPartsSql('cn.nspname', 'cc.relname', 'ca.attname')} END AS column_key
FROM (${DEPEND_ROWS}) d
LEFT JOIN pg_catalog.pg_attribute ca ON d.refobjsubid > 0 AND d.refclassid = 'pg_catalog.pg_class'::regclass
  AND ca.attrelid = d.refobjid AND ca.attnum = d.refobjsubid
LEFT JOIN pg_catalog.pg_class cc ON cc.oid = ca.attrelid
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace`;

const RELATION_ID = `CASE WHEN rc.relkind IN ('r', 'p', 'f') THEN 'table:' WHEN rc.relkind IN ('v', 'm') THEN 'view:'
  WHEN rc.relkind = 'S' THEN 'sequence:' WHEN rc.relkind IN ('i', 'I') THEN 'index:' WHEN rc.relkind = 'c' THEN 'type:' END
  || ${idPartsSql('rn.nspname', 'rc.relname')}`;

const castIdParts = idPartsSql(
  'pg_catalog.format_type(ct.castsource, NULL)',
  'pg_catalog.format_type(ct.casttarget, NULL)',
);

/** Our ids of the catalog rows `wanted` selects (columns `cls`, a catalog's regclass, and `oid`): one join per
 * catalog over them. Columns: cls (regclass text), oid (text), id (null for system objects and kinds we lack). */
export const objectIdsSql = (wanted: string) => `
WITH wanted AS (${wanted}),
member AS (
  SELECT DISTINCT ON (de.classid, de.objid) de.classid AS cls, de.objid AS oid, 'extension:' || ${idPartsSql('e.extname')} AS id
  FROM pg_catalog.pg_depend de JOIN pg_catalog.pg_extension e ON e.oid = de.refobjid
  WHERE de.refclassid = 'pg_catalog.pg_extension'::regclass AND de.deptype = 'e'
  ORDER BY de.classid, de.objid, e.extname
),
rel AS (
  SELECT rc.oid, ${RELATION_ID} AS id FROM pg_catalog.pg_class rc JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE ${notSystem('rn.nspname')}
),
typ AS (
  SELECT rt.oid, CASE WHEN rt.typrelid <> 0 THEN rel.id ELSE 'type:' || ${idPartsSql('tn.nspname', 'rt.typname')} END AS id
  FROM pg_catalog.pg_type rt JOIN pg_catalog.pg_namespace tn ON tn.oid = rt.typnamespace
  LEFT JOIN rel ON rel.oid = rt.typrelid
  WHERE ${notSystem('tn.nspname')}
)
SELECT w.cls::regclass::text AS cls, w.oid::text AS oid, coalesce(member.id, CASE w.cls
  WHEN 'pg_catalog.pg_class'::regclass THEN rel.id
  WHEN 'pg_catalog.pg_type'::regclass THEN typ.id
  WHEN 'pg_catalog.pg_proc'::regclass THEN 'function:' || ${idPartsSql('pn.nspname', 'rp.proname')}
    || '(' || pg_catalog.pg_get_function_identity_arguments(rp.oid) || ')'
  WHEN 'pg_catalog.pg_constraint'::regclass THEN 'constraint:' || ${idPartsSql('kn.nspname', 'kc.relname', 'rk.conname')}
  WHEN 'pg_catalog.pg_namespace'::regclass THEN 'schema:' || ${idPartsSql('sn.nspname')}
  WHEN 'pg_catalog.pg_collation'::regclass THEN 'collation:' || ${idPartsSql('con.nspname', 'co.collname')}
  WHEN 'pg_catalog.pg_trigger'::regclass THEN 'trigger:' || ${idPartsSql('gn.nspname', 'gc.relname', 'tg.tgname')}
  WHEN 'pg_catalog.pg_policy'::regclass THEN 'policy:' || ${idPartsSql('yn.nspname', 'yc.relname', 'po.polname')}
  WHEN 'pg_catalog.pg_extension'::regclass THEN 'extension:' || ${idPartsSql('ex.extname')}
  WHEN 'pg_catalog.pg_statistic_ext'::regclass THEN 'statistics:' || ${idPartsSql('xn.nspname', 'xs.stxname')}
  WHEN 'pg_catalog.pg_operator'::regclass THEN 'operator:' || ${idPartsSql('opn.nspname', operatorSignatureSql('op'))}
  WHEN 'pg_catalog.pg_cast'::regclass THEN 'cast:' || ${castIdParts}
  WHEN 'pg_catalog.pg_publication'::regclass THEN 'publication:' || ${idPartsSql('pb.pubname')}
  WHEN 'pg_catalog.pg_opfamily'::regclass THEN 'opfamily:' || ${idPartsSql('ofn.nspname', 'ofa.opfname', 'ofm.amname')}
  WHEN 'pg_catalog.pg_opclass'::regclass THEN 'opclass:' || ${idPartsSql('ocn.nspname', 'ocl.opcname', 'ocm.amname')}
  WHEN 'pg_catalog.pg_foreign_data_wrapper'::regclass THEN 'fdw:' || ${idPartsSql('fw.fdwname')}
  WHEN 'pg_catalog.pg_foreign_server'::regclass THEN 'server:' || ${idPartsSql('fs.srvname')}
  WHEN 'pg_catalog.pg_ts_dict'::regclass THEN 'ts_dictionary:' || ${idPartsSql('dn.nspname', 'td.dictname')}
  WHEN 'pg_catalog.pg_ts_config'::regclass THEN 'ts_configuration:' || ${idPartsSql('fn.nspname', 'tf.cfgname')}
  WHEN 'pg_catalog.pg_rewrite'::regclass THEN 'rule:' || ${idPartsSql('wn.nspname', 'wc.relname', 'rw.rulename')}
END) AS id
FROM wanted w
LEFT JOIN member ON member.cls = w.cls AND member.oid = w.oid
LEFT JOIN rel ON w.cls = 'pg_catalog.pg_class'::regclass AND rel.oid = w.oid
LEFT JOIN typ ON w.cls = 'pg_catalog.pg_type'::regclass AND typ.oid = w.oid
LEFT JOIN pg_catalog.pg_proc rp ON w.cls = 'pg_catalog.pg_proc'::regclass AND rp.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = rp.pronamespace AND ${notSystem('pn.nspname')}
LEFT JOIN pg_catalog.pg_constraint rk ON w.cls = 'pg_catalog.pg_constraint'::regclass AND rk.oid = w.oid
LEFT JOIN pg_catalog.pg_class kc ON kc.oid = rk.conrelid
LEFT JOIN pg_catalog.pg_namespace kn ON kn.oid = kc.relnamespace
LEFT JOIN pg_catalog.pg_namespace sn ON w.cls = 'pg_catalog.pg_namespace'::regclass AND sn.oid = w.oid AND ${notSystem('sn.nspname')}
LEFT JOIN pg_catalog.pg_collation co ON w.cls = 'pg_catalog.pg_collation'::regclass AND co.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace AND con.nspname <> 'pg_catalog'
LEFT JOIN pg_catalog.pg_trigger tg ON w.cls = 'pg_catalog.pg_trigger'::regclass AND tg.oid = w.oid
LEFT JOIN pg_catalog.pg_class gc ON gc.oid = tg.tgrelid
LEFT JOIN pg_catalog.pg_namespace gn ON gn.oid = gc.relnamespace
LEFT JOIN pg_catalog.pg_policy po ON w.cls = 'pg_catalog.pg_policy'::regclass AND po.oid = w.oid
LEFT JOIN pg_catalog.pg_class yc ON yc.oid = po.polrelid
LEFT JOIN pg_catalog.pg_namespace yn ON yn.oid = yc.relnamespace
LEFT JOIN pg_catalog.pg_extension ex ON w.cls = 'pg_catalog.pg_extension'::regclass AND ex.oid = w.oid
LEFT JOIN pg_catalog.pg_statistic_ext xs ON w.cls = 'pg_catalog.pg_statistic_ext'::regclass AND xs.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace xn ON xn.oid = xs.stxnamespace
LEFT JOIN pg_catalog.pg_operator op ON w.cls = 'pg_catalog.pg_operator'::regclass AND op.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace AND ${notSystem('opn.nspname')}
LEFT JOIN pg_catalog.pg_cast ct ON w.cls = 'pg_catalog.pg_cast'::regclass AND ct.oid = w.oid AND ct.oid >= 16384::oid
LEFT JOIN pg_catalog.pg_publication pb ON w.cls = 'pg_catalog.pg_publication'::regclass AND pb.oid = w.oid
LEFT JOIN pg_catalog.pg_opfamily ofa ON w.cls = 'pg_catalog.pg_opfamily'::regclass AND ofa.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace ofn ON ofn.oid = ofa.opfnamespace AND ${notSystem('ofn.nspname')}
LEFT JOIN pg_catalog.pg_am ofm ON ofm.oid = ofa.opfmethod
LEFT JOIN pg_catalog.pg_opclass ocl ON w.cls = 'pg_catalog.pg_opclass'::regclass AND ocl.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace ocn ON ocn.oid = ocl.opcnamespace AND ${notSystem('ocn.nspname')}
LEFT JOIN pg_catalog.pg_am ocm ON ocm.oid = ocl.opcmethod
LEFT JOIN pg_catalog.pg_foreign_data_wrapper fw ON w.cls = 'pg_catalog.pg_foreign_data_wrapper'::regclass
  AND fw.oid = w.oid
LEFT JOIN pg_catalog.pg_foreign_server fs ON w.cls = 'pg_catalog.pg_foreign_server'::regclass AND fs.oid = w.oid
LEFT JOIN pg_catalog.pg_ts_dict td ON w.cls = 'pg_catalog.pg_ts_dict'::regclass AND td.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace dn ON dn.oid = td.dictnamespace AND ${notSystem('dn.nspname')}
LEFT JOIN pg_catalog.pg_ts_config tf ON w.cls = 'pg_catalog.pg_ts_config'::regclass AND tf.oid = w.oid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = tf.cfgnamespace AND ${notSystem('fn.nspname')}
LEFT JOIN pg_catalog.pg_rewrite rw ON w.cls = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = w.oid
  AND rw.rulename <> '_RETURN'
LEFT JOIN pg_catalog.pg_class wc ON wc.oid = rw.ev_class
LEFT JOIN pg_catalog.pg_namespace wn ON wn.oid = wc.relnamespace`;

// Our ids of every object something depends on or a comment or security label is on.
const DIRECTORY_QUERY = objectIdsSql(`
  SELECT DISTINCT d.refclassid AS cls, d.refobjid AS oid FROM (${DEPEND_ROWS}) d WHERE d.deptype IN ('n', 'a')
  UNION SELECT ds.classoid, ds.objoid FROM pg_catalog.pg_description ds WHERE ds.objoid >= 16384::oid
  UNION SELECT sl.classoid, sl.objoid FROM pg_catalog.pg_seclabel sl WHERE sl.objoid >= 16384::oid`);

interface DependRow {
  cls: string;
  objid: string;
  refcls: string;
  refobjid: string;
  counts: boolean;
  column_key: string | null;
}

// regclass prints catalogs unqualified while pg_catalog is on the search path (always); strip it if ever shown.
const catalogName = (cls: string) => cls.replace(/^pg_catalog\./, '');
const rowKey = (catalog: string, oid: string) => `${catalogName(catalog)}:${oid}`;

interface Entry {
  readonly ref: string;
  readonly refOid: string;
  readonly counts: boolean;
  readonly columnKey: string | null;
}

/** Reads pg_depend and the ids of what it points at: two set-based queries, for the whole introspection. */
export async function readCatalogRefs(db: Queryable): Promise<CatalogRefs> {
  const directory = new Map<string, ObjectId>();
  for (const r of await db.query<{ cls: string; oid: string; id: string | null }>(DIRECTORY_QUERY)) {
    if (r.id !== null) directory.set(rowKey(r.cls, r.oid), r.id);
  }
  const byObject = new Map<string, Entry[]>();
  for (const r of await db.query<DependRow>(DEPENDS_QUERY)) {
    const key = rowKey(r.cls, r.objid);
    let list = byObject.get(key);
    if (!list) byObject.set(key, (list = []));
    list.push({ ref: rowKey(r.refcls, r.refobjid), refOid: r.refobjid, counts: r.counts, columnKey: r.column_key });
  }
  const entries = (rows: readonly CatalogRow[]) => rows.flatMap(([c, oid]) => byObject.get(rowKey(c, oid)) ?? []);
  return {
    dependsOn(rows, self) {
      const ids = new Set<ObjectId>();
      for (const e of entries(rows)) {
        const id = e.counts ? directory.get(e.ref) : undefined;
        if (id !== undefined && id !== self) ids.add(id);
      }
      return [...ids].sort();
    },
    columnRefs(rows, exceptOid) {
      const keys = new Set<string>();
      for (const e of entries(rows)) if (e.columnKey !== null && e.refOid !== exceptOid) keys.add(e.columnKey);
      return [...keys].sort();
    },
    idOf: (catalog, oid) => directory.get(rowKey(catalog, oid)),
  };
}
