// Issue 16, class 5: planning with no server replays the history on PGlite, which has only its own roles. Grants,
// policies, owners and default privileges that name the application's roles must still load there (as stub roles),
// and the plan must round-trip on a real server where the roles exist.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, diff, planMigration, rollback, verify } from '../../src/index.js';
import { ensureRole, serverUrl, useDatabases } from '../support/db.js';
import { openDevDatabase } from '../../src/dev-db/dev-db.js';
import { fingerprint } from '../support/fingerprint.js';

const database = useDatabases();

const V1 = `CREATE TABLE node (id int PRIMARY KEY, owner text NOT NULL);
GRANT SELECT ON node TO sfm_app_user;
ALTER TABLE node ENABLE ROW LEVEL SECURITY;`;
const V2 = `${V1}
CREATE POLICY own ON node FOR SELECT TO sfm_app_user USING (owner = current_user);
GRANT USAGE ON SCHEMA public TO "sfm App Reader";
CREATE FUNCTION visible() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM node';
REVOKE EXECUTE ON FUNCTION visible() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION visible() TO sfm_app_user, "sfm App Reader";`;

describe('roles on the embedded dev database', () => {
  beforeAll(async () => {
    await ensureRole('sfm_app_user');
    await ensureRole('"sfm App Reader"');
  });

  it('plans over a history that grants to roles PGlite does not have, and round-trips on the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfm-roles-'));
    const schema = join(dir, 'schema');
    const migrations = join(dir, 'migrations');
    mkdirSync(schema);
    writeFileSync(join(schema, 'app.sql'), V1);
    // No url: the current state is the history replayed on PGlite; the second plan replays the first migration's grant.
    await planMigration({ schema, migrationsDir: migrations, dev: 'embedded', name: 'nodes' });
    writeFileSync(join(schema, 'app.sql'), V2);
    const second = await planMigration({ schema, migrationsDir: migrations, dev: 'embedded', name: 'policies' });
    expect(second.steps.flatMap((s) => s.statements).join('\n')).toContain('CREATE POLICY');
    expect((await verify({ migrationsDir: migrations, dev: 'embedded' })).failed).toBe(0);

    const target = await database();
    const empty = await fingerprint(target.db);
    await applyMigrations({ url: target.url, migrationsDir: migrations, allowHazards: 'all' });
    const built = await database(V2);
    expect(await fingerprint(target.db)).toEqual(await fingerprint(built.db));
    // Re-planned on a dev database of the target's server (a PostgreSQL 14 target's public schema grants differ
    // from PGlite's).
    const serverDev = await openDevDatabase({ targetUrl: serverUrl(), extensions: [] });
    const again = await diff({
      from: { type: 'url', url: target.url },
      to: { type: 'schema', path: schema },
      dev: serverDev,
    }).finally(() => serverDev.dispose());
    expect(again.steps).toEqual([]);
    await rollback({ url: target.url, to: '0', allowHazards: 'all' });
    const back = await fingerprint(target.db);
    expect(back).toEqual(empty);
  });
});
