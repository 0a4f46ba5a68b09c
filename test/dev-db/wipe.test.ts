// A dev database holding thousands of tables is emptied: one DROP SCHEMA … CASCADE over them would lock every
// relation at once and overflow the server's lock table ("out of shared memory"), which stopped the proof of a
// 2,000-table plan. 4,000 tables with a key take over 16,000 locks; the test server has room for 12,800. Default
// privileges for all schemas survive the schemas' drops and must go too, or one desired state leaks into the next.
import { describe, expect, it } from 'vitest';
import { ensureRole, useDatabases } from '../support/db.js';
import { wipe } from '../../src/dev-db/wipe.js';

const database = useDatabases();
const TABLES = 4000;

describe('wipe', () => {
  it(`empties a database of ${TABLES} tables without overflowing the lock table`, async () => {
    const dev = await database("CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('ok')");
    for (let from = 0; from < TABLES; from += 250) {
      await dev.db.exec(`DO $$ BEGIN FOR i IN ${from}..${from + 249} LOOP
        EXECUTE format('CREATE TABLE app.t%s (id int PRIMARY KEY, m app.mood%s)', i,
          CASE WHEN i > 0 THEN format(', parent int REFERENCES app.t%s', i - 1) ELSE '' END);
      END LOOP; END $$`);
    }
    const count = async () =>
      (
        await dev.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app'`,
        )
      )[0]?.n;
    expect(await count()).toBe(TABLES * 2);
    await wipe(dev.db);
    expect(await count()).toBe(0);
    const schemas = await dev.db.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
    );
    expect(schemas.map((s) => s.nspname)).toEqual(['public']);
  }, 300_000);

  it('takes default privileges for all schemas back to the built-in ones (they belong to no schema)', async () => {
    for (const role of ['sfm_writer', 'sfm_reader']) await ensureRole(role);
    const dev = await database(`ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
      ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer GRANT USAGE ON SEQUENCES TO sfm_reader WITH GRANT OPTION;
      ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sfm_reader;
      CREATE SCHEMA app; ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO sfm_reader;`);
    const entries = async () =>
      (await dev.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_default_acl'))[0]?.n;
    expect(await entries()).toBe(4);
    await wipe(dev.db);
    expect(await entries()).toBe(0);
  });
});
