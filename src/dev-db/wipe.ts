// Empties a dev database: event triggers, extensions and user schemas go, public comes back empty. Only ever run on
// PGlite, a temporary database we created, or a database that guard.ts accepted as scratch.
import type { Queryable } from '../db/queryable.js';

const WIPE = `
DO $wipe$ DECLARE r record; BEGIN
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

export async function wipe(db: Queryable): Promise<void> {
  await db.exec(WIPE);
}
