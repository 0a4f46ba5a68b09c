// A catalog fingerprint that does not use src/: built only from pg_get_*def functions and raw catalogs,
// column-order-insensitive, ignoring the sfm_schema history schema, the archives (sfm_archive_<version>) and PG18's catalogued NOT NULL constraints.
import type pg from 'pg';
import type { Queryable } from '../../src/db/queryable.js';

const SCHEMAS = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'sfm_schema') AND n.nspname NOT LIKE 'sfm\\_archive\\_%' AND n.nspname <> ALL($1::text[]) AND ($2::text[] IS NULL OR n.nspname = ANY($2::text[]))`;

/** Not a member of an extension (those come with the extension, compared as one). */
const OWN = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '${catalog}'::regclass AND x.objid = ${oid} AND x.deptype = 'e')`;

const QUERIES: Record<string, string> = {
  schemas: `SELECT n.nspname FROM pg_namespace n WHERE ${SCHEMAS} ORDER BY 1`,
  extensions: `SELECT e.extname, e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname <> ALL($1::text[]) AND ($2::text[] IS NULL OR n.nspname = ANY($2::text[])) ORDER BY 1`,
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
  tables: `SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
      (SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) o) AS options,
      CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
      CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
      (SELECT array_agg(i.inhparent::regclass::text ORDER BY i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid) AS parents,
      (SELECT array_agg(x::text ORDER BY x::text) FROM unnest(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) x) AS acl,
      CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') ORDER BY 1, 2`,
  functions: `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args, pg_get_functiondef(p.oid) AS def,
      (SELECT array_agg(x::text ORDER BY x::text) FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) x) AS acl
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${SCHEMAS} AND p.prokind IN ('f', 'p') ORDER BY 1, 2, 3`,
  triggers: `SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid) AS def, t.tgenabled
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND NOT t.tgisinternal ORDER BY 1, 2, 3`,
  textSearch: `SELECT n.nspname, c.cfgname, (SELECT p.prsname FROM pg_ts_parser p WHERE p.oid = c.cfgparser), (SELECT array_agg(m.maptokentype || ':' || m.mapseqno || ':' || m.mapdict::regdictionary::text ORDER BY m.maptokentype, m.mapseqno)
      FROM pg_ts_config_map m WHERE m.mapcfg = c.oid) AS maps FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE ${SCHEMAS} AND ${OWN('pg_ts_config', 'c.oid')}
    UNION ALL SELECT n.nspname, d.dictname, (SELECT t.tmplname FROM pg_ts_template t WHERE t.oid = d.dicttemplate), ARRAY[d.dictinitoption] FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
    WHERE ${SCHEMAS} AND ${OWN('pg_ts_dict', 'd.oid')} ORDER BY 1, 2`,
  operators: `SELECT n.nspname, o.oprname, o.oprleft::regtype::text, o.oprright::regtype::text, o.oprcode::regproc::text,
      o.oprcom::regoperator::text, o.oprnegate::regoperator::text, o.oprrest::regproc::text, o.oprjoin::regproc::text,
      o.oprcanhash, o.oprcanmerge FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
    WHERE ${SCHEMAS} AND ${OWN('pg_operator', 'o.oid')} ORDER BY 1, 2, 3, 4`,
  opFamilies: `SELECT n.nspname, f.opfname, am.amname,
      (SELECT array_agg(o.amopstrategy || ' ' || o.amopopr::regoperator::text || ' ' || o.amoppurpose::text || ' ' || format_type(o.amoplefttype, NULL)
        || ' ' || format_type(o.amoprighttype, NULL) ORDER BY o.amopstrategy, o.amoplefttype::regtype::text, o.amoprighttype::regtype::text)
        FROM pg_amop o WHERE o.amopfamily = f.oid) AS operators,
      (SELECT array_agg(p.amprocnum || ' ' || p.amproc::regprocedure::text || ' ' || format_type(p.amproclefttype, NULL)
        || ' ' || format_type(p.amprocrighttype, NULL) ORDER BY p.amprocnum, p.amproclefttype::regtype::text, p.amprocrighttype::regtype::text)
        FROM pg_amproc p WHERE p.amprocfamily = f.oid) AS functions,
      (SELECT array_agg(c.opcname || ' ' || format_type(c.opcintype, NULL) || ' ' || c.opcdefault::text || ' ' || coalesce(format_type(nullif(c.opckeytype, 0), NULL), '-')
        ORDER BY c.opcname) FROM pg_opclass c WHERE c.opcfamily = f.oid) AS classes
    FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
    WHERE ${SCHEMAS} AND ${OWN('pg_opfamily', 'f.oid')} ORDER BY 1, 2, 3`,
  casts: `SELECT format_type(c.castsource, NULL), format_type(c.casttarget, NULL), c.castfunc::regprocedure::text, c.castcontext,
      c.castmethod, obj_description(c.oid, 'pg_cast') FROM pg_cast c WHERE c.oid >= 16384 AND ${OWN('pg_cast', 'c.oid')} ORDER BY 1, 2`,
  publications: `SELECT p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot,
      to_jsonb(p) ->> 'pubgencols' AS gencols, obj_description(p.oid, 'pg_publication') AS comment,
      (SELECT array_agg(pr.prrelid::regclass::text || ' ' || coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = pr.prrelid
          AND a.attnum::text IN (SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(pr) -> 'prattrs') = 'array'
            THEN to_jsonb(pr) -> 'prattrs' END))), '*') || ' '
        || coalesce((SELECT to_jsonb(pt) ->> 'rowfilter' FROM pg_publication_tables pt WHERE pt.pubname = p.pubname
          AND format('%I.%I', pt.schemaname, pt.tablename)::regclass = pr.prrelid), '-') ORDER BY pr.prrelid::regclass::text)
        FROM pg_publication_rel pr WHERE pr.prpubid = p.oid) AS tables,
      (SELECT array_agg(pt.schemaname || '.' || pt.tablename ORDER BY pt.schemaname, pt.tablename) FROM pg_publication_tables pt
        WHERE pt.pubname = p.pubname AND pt.schemaname <> 'sfm_schema' AND pt.schemaname NOT LIKE 'sfm\\_archive\\_%') AS published
    FROM pg_publication p ORDER BY 1`,
  defaultPrivileges: `SELECT pg_get_userbyid(d.defaclrole) AS role, n.nspname, d.defaclobjtype,
      (SELECT array_agg(x::text ORDER BY x::text) FROM unnest(d.defaclacl) x) AS acl
    FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace ORDER BY 1, 2, 3`,
  foreignData: `SELECT 'fdw' AS what, w.fdwname AS name, w.fdwhandler::regproc::text AS a, w.fdwvalidator::regproc::text AS b,
      w.fdwoptions AS options FROM pg_foreign_data_wrapper w WHERE ${OWN('pg_foreign_data_wrapper', 'w.oid')}
    UNION ALL SELECT 'server', s.srvname, s.srvtype, s.srvversion, s.srvoptions FROM pg_foreign_server s
    UNION ALL SELECT 'mapping', m.srvname || ' ' || coalesce(m.usename, 'PUBLIC'), NULL, NULL,
      ARRAY(SELECT o FROM unnest(m.umoptions) o WHERE split_part(o, '=', 1) !~* '(pass|secret|token|key)' ORDER BY o)
      FROM pg_user_mappings m
    UNION ALL SELECT 'table', c.oid::regclass::text, (SELECT srvname FROM pg_foreign_server WHERE oid = ft.ftserver), NULL, ft.ftoptions
      FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid ORDER BY 1, 2`,
  owners: `SELECT pg_describe_object(s.classid, s.objid, s.objsubid) AS object, pg_get_userbyid(s.refobjid) AS owner
    FROM pg_shdepend s WHERE s.deptype = 'o' AND s.dbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
    ORDER BY 1`,
  rules: `SELECT n.nspname, c.relname, r.rulename, pg_get_ruledef(r.oid) AS def, r.ev_enabled
    FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND r.rulename <> '_RETURN' ORDER BY 1, 2, 3`,
  eventTriggers: `SELECT e.evtname, e.evtevent, e.evttags, e.evtenabled, e.evtfoid::regproc::text AS fn FROM pg_event_trigger e ORDER BY 1`,
  policies: `SELECT schemaname, tablename, policyname, permissive, roles::text[] AS roles, cmd, qual, with_check
    FROM pg_policies WHERE schemaname NOT LIKE 'pg\\_%' AND schemaname NOT LIKE 'sfm\\_archive\\_%' AND schemaname <> ALL($1::text[]) AND ($2::text[] IS NULL OR schemaname = ANY($2::text[])) ORDER BY 1, 2, 3`,
  types: `SELECT n.nspname, t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull, t.typdefault,
      (SELECT array_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped AND t.typtype = 'c') AS attributes,
      (SELECT array_agg(k.conname || ' ' || pg_get_constraintdef(k.oid) ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype <> 'n') AS checks,
      (SELECT row(format_type(r.rngsubtype, NULL), (SELECT opcname FROM pg_opclass WHERE oid = r.rngsubopc), r.rngcollation, r.rngcanonical, r.rngsubdiff)::text FROM pg_range r WHERE r.rngtypid = t.oid) AS range,
      (SELECT array_agg(x::text ORDER BY x::text) FROM unnest(coalesce(t.typacl, acldefault('T', t.typowner))) x) AS acl
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_class tc ON tc.oid = t.typrelid
    WHERE ${SCHEMAS} AND t.typtype IN ('d', 'c', 'r', 'm') AND (t.typrelid = 0 OR tc.relkind = 'c') ORDER BY 1, 2`,
  namespaces: `SELECT n.nspname, (SELECT array_agg(x::text ORDER BY x::text) FROM unnest(coalesce(n.nspacl, acldefault('n', n.nspowner))) x) AS acl
    FROM pg_namespace n WHERE ${SCHEMAS} ORDER BY 1`,
  comments: `SELECT o.type, o.identity, d.description FROM pg_description d
    CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
    WHERE o.schema IS NOT NULL AND o.schema NOT LIKE 'pg\\_%' AND o.schema NOT IN ('information_schema', 'sfm_schema') AND o.schema NOT LIKE 'sfm\\_archive\\_%' AND o.schema <> ALL($1::text[]) AND ($2::text[] IS NULL OR o.schema = ANY($2::text[]))
    ORDER BY 1, 2`,
  columns: `SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
      a.attgenerated, pg_get_expr(ad.adbin, ad.adrelid) AS expr,
      CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS coll,
      a.attislocal, a.attinhcount, a.attfdwoptions, a.attstorage, nullif(a.attstattarget::int, -1) AS stattarget, a.attcompression,
      (SELECT array_agg(x::text ORDER BY x::text) FROM unnest(a.attacl) x) AS acl,
      (SELECT row(s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)::text FROM pg_depend d
        JOIN pg_sequence s ON s.seqrelid = d.objid WHERE d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype = 'i') AS ident
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE ${SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2, 3`,
  constraints: `SELECT n.nspname, c.relname, con.conname, con.contype, con.conislocal, con.coninhcount, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND con.contype <> 'n' ORDER BY 1, 2, 3`,
  indexes: `SELECT n.nspname, c.relname, pg_get_indexdef(c.oid),
      (SELECT array_agg(a.attnum || '=' || a.attstattarget ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attstattarget::int >= 0) AS targets
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${SCHEMAS} AND c.relkind IN ('i', 'I') ORDER BY 1, 2`,
  aggregates: `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
      p.proparallel, to_jsonb(a) - 'aggfnoid' - 'aggsortop' - 'aggtranstype' - 'aggmtranstype' AS agg,
      format_type(a.aggtranstype, NULL) AS stype, format_type(a.aggmtranstype, NULL) AS mstype, a.aggsortop::regoperator::text AS sortop
    FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${SCHEMAS} AND ${OWN('pg_proc', 'p.oid')} ORDER BY 1, 2, 3`,
  statistics: `SELECT n.nspname, s.stxname, pg_get_statisticsobjdef(s.oid), nullif(s.stxstattarget::int, -1) AS target
    FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE ${SCHEMAS} ORDER BY 1, 2`,
};

export type Fingerprint = Record<string, unknown[]>;

/** `excluded` / `only`: the schemas a test's scope leaves alone, or the only ones it manages. */
export async function fingerprint(
  db: Queryable | pg.Client,
  excluded: readonly string[] = [],
  only?: readonly string[],
): Promise<Fingerprint> {
  const out: Fingerprint = {};
  const run = async (sql: string, params?: unknown[]) => {
    if ('exec' in db) return db.query(sql, params);
    return (await db.query(sql, params)).rows;
  };
  await run(`SET search_path = ''`);
  try {
    for (const [name, sql] of Object.entries(QUERIES))
      out[name] = await run(sql, sql.includes('$1') ? [[...excluded], only ? [...only] : null] : []);
  } finally {
    await run(`RESET search_path`);
  }
  return out;
}
