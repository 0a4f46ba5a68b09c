// Empties a dev database: event triggers, extensions and user schemas go, public comes back empty. Only ever run on
// PGlite, a temporary database we created, or a database that guard.ts accepted as scratch.
import type { Queryable } from '../db/queryable.js';

const WIPE = `
DO $wipe$ DECLARE r record; g oid; kind text; BEGIN
  -- Default privileges for all schemas belong to no schema: each goes back to the built-in defaults, which removes it.
  FOR r IN SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role, d.defaclobjtype AS t,
      ARRAY(SELECT DISTINCT x.grantee FROM pg_catalog.aclexplode(d.defaclacl) x) AS grantees
    FROM pg_catalog.pg_default_acl d WHERE d.defaclnamespace = 0 LOOP
    kind := CASE r.t WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES'
      ELSE 'SCHEMAS' END;
    FOREACH g IN ARRAY r.grantees LOOP
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I REVOKE ALL ON %s FROM %s', r.role, kind,
        CASE WHEN g = 0 THEN 'PUBLIC' ELSE quote_ident(pg_catalog.pg_get_userbyid(g)) END);
    END LOOP;
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT ALL ON %s TO %I', r.role, kind, r.role);
    IF r.t IN ('f', 'T') THEN
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT ALL ON %s TO PUBLIC', r.role, kind);
    END IF;
  END LOOP;
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP
    EXECUTE format('DROP EVENT TRIGGER IF EXISTS %I', r.evtname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
  END LOOP;
  CREATE SCHEMA public;
  IF current_setting('server_version_num')::int >= 150000 THEN
    EXECUTE 'ALTER SCHEMA public OWNER TO pg_database_owner';
    GRANT USAGE ON SCHEMA public TO PUBLIC;
  ELSE
    GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC;
  END IF;
  COMMENT ON SCHEMA public IS 'standard public schema';
END $wipe$`;

// Tables go first, a batch per transaction: one DROP SCHEMA … CASCADE over thousands of tables takes a lock on each
// of their relations at once and overflows the server's lock table ("out of shared memory"). Partitions and
// inheritance children go with their parents.
const TABLES = `
SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
    AND d.deptype = 'e')
ORDER BY c.oid DESC LIMIT 200`;

export async function wipe(db: Queryable): Promise<void> {
  for (;;) {
    const batch = await db.query<{ name: string }>(TABLES);
    if (batch.length === 0) break;
    await db.exec(`DROP TABLE IF EXISTS ${batch.map((t) => t.name).join(', ')} CASCADE`);
  }
  await db.exec(WIPE);
}
