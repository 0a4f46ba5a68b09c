// A catalog fingerprint that does not use src/: built only from pg_get_*def functions and raw catalogs,
// column-order-insensitive, ignoring the sfm_schema history schema and PG18's catalogued NOT NULL constraints.
import type pg from 'pg';
import type { Queryable } from '../../src/db/queryable.js';

const SCHEMAS = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'sfm_schema') AND n.nspname <> ALL($1::text[])`;

const QUERIES: Record<string, string> = {
  schemas: `SELECT n.nspname FROM pg_namespace n WHERE ${SCHEMAS} ORDER BY 1`,
  extensions: `SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname <> ALL($1::text[]) ORDER BY 1`,
  collations: `SELECT n.nspname, c.collname, c.collprovider, c.collisdeterministic, to_jsonb(c) - 'oid' - 'collnamespace' - 'collowner' - 'collversion' AS j
    FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE ${SCHEMAS} ORDER BY 1, 2`,
  enums: `SELECT n.nspname, t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE ${SCHEMAS} GROUP BY 1, 2 ORDER BY 1, 2`,
  sequences: `SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
      s.seqcache, s.seqcycle,
      (SELECT d.refobjid::regclass::text || '.' || a.attname || ':' || d.deptype::text FROM pg_depend d
        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) AS owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
    WHERE ${SCHEMAS} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i') ORDER BY 1, 2`,
  tables: `SELECT n.nspname, c.relname, c.relkind, c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1, 2`,
  columns: `SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
      a.attgenerated, pg_get_expr(ad.adbin, ad.adrelid) AS expr,
      CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS coll,
      (SELECT row(s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)::text FROM pg_depend d
        JOIN pg_sequence s ON s.seqrelid = d.objid WHERE d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype = 'i') AS ident
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE ${SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2, 3`,
  constraints: `SELECT n.nspname, c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND con.contype <> 'n' ORDER BY 1, 2, 3`,
  indexes: `SELECT n.nspname, c.relname, pg_get_indexdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND c.relkind IN ('i', 'I') ORDER BY 1, 2`,
};

export type Fingerprint = Record<string, unknown[]>;

/** `excluded`: schemas left out of the comparison (those a test's scope leaves alone). */
export async function fingerprint(db: Queryable | pg.Client, excluded: readonly string[] = []): Promise<Fingerprint> {
  const out: Fingerprint = {};
  const run = async (sql: string, params?: unknown[]) => {
    if ('exec' in db) return db.query(sql, params);
    return (await db.query(sql, params)).rows;
  };
  await run(`SET search_path = ''`);
  try {
    for (const [name, sql] of Object.entries(QUERIES)) out[name] = await run(sql, sql.includes('$1') ? [[...excluded]] : []);
  } finally {
    await run(`RESET search_path`);
  }
  return out;
}
