// Maps a catalog reference (class oid, object oid) to our object id, in SQL, so that kinds can read their
// dependencies straight from pg_depend in their one catalog query. Unknown or system objects map to NULL.
import { idPartsSql } from './ids.js';
const rel = (oid: string) => `(SELECT CASE WHEN rc.relkind IN ('r', 'p', 'f') THEN 'table:' WHEN rc.relkind IN ('v', 'm') THEN 'view:'
    WHEN rc.relkind = 'S' THEN 'sequence:' WHEN rc.relkind IN ('i', 'I') THEN 'index:' WHEN rc.relkind = 'c' THEN 'type:' END
    || ${idPartsSql('rn.nspname', 'rc.relname')}
  FROM pg_catalog.pg_class rc JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE rc.oid = ${oid} AND rn.nspname NOT LIKE 'pg\\_%' AND rn.nspname <> 'information_schema')`;

/** SQL expression giving our id of the object (classid, objid), or NULL. Members of an extension map to it. */
export function refIdSql(classid: string, objid: string): string {
  return `coalesce((SELECT 'extension:' || ${idPartsSql('e.extname')} FROM pg_catalog.pg_depend de
    JOIN pg_catalog.pg_extension e ON e.oid = de.refobjid AND de.refclassid = 'pg_catalog.pg_extension'::regclass
    WHERE de.classid = ${classid} AND de.objid = ${objid} AND de.deptype = 'e' LIMIT 1), CASE ${classid}
  WHEN 'pg_catalog.pg_class'::regclass THEN ${rel(objid)}
  WHEN 'pg_catalog.pg_type'::regclass THEN (
    SELECT CASE WHEN rt.typrelid <> 0 THEN ${rel('rt.typrelid')}
      ELSE 'type:' || ${idPartsSql('tn.nspname', 'rt.typname')} END
    FROM pg_catalog.pg_type rt JOIN pg_catalog.pg_namespace tn ON tn.oid = rt.typnamespace
    WHERE rt.oid = ${objid} AND tn.nspname NOT LIKE 'pg\\_%' AND tn.nspname <> 'information_schema')
  WHEN 'pg_catalog.pg_proc'::regclass THEN (
    SELECT 'function:' || ${idPartsSql('pn.nspname', 'rp.proname')} || '(' || pg_catalog.pg_get_function_identity_arguments(rp.oid) || ')'
    FROM pg_catalog.pg_proc rp JOIN pg_catalog.pg_namespace pn ON pn.oid = rp.pronamespace
    WHERE rp.oid = ${objid} AND pn.nspname NOT LIKE 'pg\\_%' AND pn.nspname <> 'information_schema')
  WHEN 'pg_catalog.pg_constraint'::regclass THEN (
    SELECT 'constraint:' || ${idPartsSql('cn.nspname', 'cc.relname', 'rk.conname')}
    FROM pg_catalog.pg_constraint rk JOIN pg_catalog.pg_class cc ON cc.oid = rk.conrelid
    JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace WHERE rk.oid = ${objid})
  WHEN 'pg_catalog.pg_namespace'::regclass THEN (
    SELECT 'schema:' || ${idPartsSql('sn.nspname')} FROM pg_catalog.pg_namespace sn
    WHERE sn.oid = ${objid} AND sn.nspname NOT LIKE 'pg\\_%' AND sn.nspname <> 'information_schema')
  WHEN 'pg_catalog.pg_collation'::regclass THEN (
    SELECT 'collation:' || ${idPartsSql('con.nspname', 'co.collname')} FROM pg_catalog.pg_collation co
    JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace WHERE co.oid = ${objid} AND con.nspname <> 'pg_catalog')
  WHEN 'pg_catalog.pg_trigger'::regclass THEN (
    SELECT 'trigger:' || ${idPartsSql('tn.nspname', 'tc.relname', 'tg.tgname')} FROM pg_catalog.pg_trigger tg
    JOIN pg_catalog.pg_class tc ON tc.oid = tg.tgrelid JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace WHERE tg.oid = ${objid})
  WHEN 'pg_catalog.pg_policy'::regclass THEN (
    SELECT 'policy:' || ${idPartsSql('pn.nspname', 'pc.relname', 'po.polname')} FROM pg_catalog.pg_policy po
    JOIN pg_catalog.pg_class pc ON pc.oid = po.polrelid JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE po.oid = ${objid})
  WHEN 'pg_catalog.pg_extension'::regclass THEN (SELECT 'extension:' || ${idPartsSql('e.extname')} FROM pg_catalog.pg_extension e WHERE e.oid = ${objid})
END)`;
}

/**
 * SQL giving the sorted ids an object depends on (normal and automatic pg_depend entries), excluding itself.
 * `where` selects the pg_depend rows, e.g. `d.classid = 'pg_proc'::regclass AND d.objid = p.oid`: keep it to
 * conditions the index on (classid, objid) answers; an OR of two such conditions makes PostgreSQL scan all of
 * pg_depend once per object (use dependsOnRowsSql with a UNION ALL instead).
 */
export function dependsOnSql(where: string, self?: string): string {
  return dependsOnRowsSql(`SELECT d.refclassid, d.refobjid, d.deptype FROM pg_catalog.pg_depend d WHERE ${where}`, self);
}

/** As dependsOnSql, over pg_depend rows that `rows` selects (columns refclassid, refobjid, deptype). */
export function dependsOnRowsSql(rows: string, self?: string): string {
  return `coalesce((SELECT array_agg(DISTINCT x.id ORDER BY x.id) FROM (${rows}) d
    CROSS JOIN LATERAL (SELECT ${refIdSql('d.refclassid', 'd.refobjid')} AS id) x
    WHERE d.deptype IN ('n', 'a') AND x.id IS NOT NULL${self ? ` AND x.id <> ${self}` : ''}), '{}')`;
}

/** SQL giving `schema.table.column` keys of the columns the selected pg_depend rows point at. */
export function columnRefsSql(where: string): string {
  return `coalesce((SELECT array_agg(DISTINCT ${idPartsSql('cn.nspname', 'cc.relname', 'ca.attname')}) FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_class cc ON cc.oid = d.refobjid AND d.refclassid = 'pg_catalog.pg_class'::regclass
    JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace
    JOIN pg_catalog.pg_attribute ca ON ca.attrelid = cc.oid AND ca.attnum = d.refobjsubid
    WHERE ${where} AND d.refobjsubid > 0), '{}')`;
}
