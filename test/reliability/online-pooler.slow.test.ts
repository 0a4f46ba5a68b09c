// Expand and contract through PgBouncer in transaction mode (issue 24): the new application version logs in as a
// role whose search_path puts the migration's version schema first (ALTER ROLE … SET search_path), which holds in
// transaction mode because PgBouncer pools by user; the old version logs in as before. Both write through the same
// pooler, each transaction on whatever server connection it gets, and each sees the other's writes in its own shape.
// The migration itself is applied through the pooler too.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrl, useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';
import { startPgbouncer, type Bouncer } from '../support/pgbouncer.js';

const database = useDatabases();
const ROLE = `sfm_app_v2_${randomBytes(3).toString('hex')}`;
const PASSWORD = 'v2-secret';

const BEFORE = 'CREATE TABLE acct (id serial PRIMARY KEY, name text NOT NULL, weight real);\n';
const AFTER = `CREATE TABLE acct (id bigserial PRIMARY KEY, title text NOT NULL, -- sfm:renamed-from name
  weight real);\n`;

async function run(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

describe('online migrations through PgBouncer in transaction mode', () => {
  let bouncer: Bouncer;
  beforeAll(async () => {
    await run(serverUrl(), `CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
    bouncer = await startPgbouncer(serverUrl(), 'transaction', [{ name: ROLE, password: PASSWORD }]);
  });
  afterAll(async () => bouncer?.stop());

  it('keeps both versions writing through the pooler, the new one by a per-role search_path', async () => {
    const d = await database();
    const pooled = bouncer.url(d.name);
    const dir = project({ 'schema/s.sql': BEFORE });
    const ok = (r: { code: number; stderr: string }) => expect(r.code, r.stderr).toBe(0);
    ok(await runCli(['plan', '--name', 'init'], { cwd: dir }));
    ok(await runCli(['apply', '--url', pooled], { cwd: dir }));
    await d.db.exec(`INSERT INTO acct (name, weight) SELECT 'a' || g, g FROM generate_series(1, 1000) g`);
    writeFileSync(join(dir, 'schema', 's.sql'), AFTER);
    const plan = await runCli(['plan', '--online', '--name', 'v2'], { cwd: dir });
    ok(plan);
    const version = /(\d+)_v2\.sql/.exec(plan.stdout)?.[1] ?? '';
    const vs = `sfm_v${version}`;
    const expand = await runCli(['apply', '--url', pooled], { cwd: dir });
    ok(expand);
    expect(expand.stdout).toMatch(/expanded \d+_v2/);

    // The new version's role: its search_path, and the rights on the table and its view.
    await d.db.exec(`ALTER ROLE ${ROLE} IN DATABASE ${d.name} SET search_path = ${vs}, public;
      GRANT USAGE ON SCHEMA ${vs} TO ${ROLE};
      GRANT SELECT, INSERT, UPDATE ON acct, ${vs}.acct TO ${ROLE};
      GRANT USAGE ON SEQUENCE acct_id_seq TO ${ROLE};`);
    const v2 = new URL(pooled);
    v2.username = ROLE;
    v2.password = PASSWORD;
    // Interleaved transactions of both versions through the pooler.
    for (let i = 0; i < 20; i++) {
      await run(pooled, `INSERT INTO acct (name, weight) VALUES ($1, $2)`, [`old ${i}`, i]);
      // An explicit key: kept only if the trigger takes the write for the new version's (else the old column's
      // default would overwrite it).
      await run(v2.toString(), `INSERT INTO acct (id, title, weight) VALUES ($1, $2, $3)`, [
        100_000 + i,
        `new ${i}`,
        i,
      ]);
    }
    await run(v2.toString(), `UPDATE acct SET title = 'renamed by v2' WHERE id = 1`);
    expect(await run(pooled, `SELECT name FROM acct WHERE id = 1`)).toEqual([{ name: 'renamed by v2' }]);
    expect(await run(v2.toString(), `SELECT count(*)::int AS n FROM acct WHERE title LIKE 'old %'`)).toEqual([
      { n: 20 },
    ]);
    expect(await run(pooled, `SELECT count(*)::int AS n FROM acct WHERE sfm_new_id IS DISTINCT FROM id`)).toEqual([
      { n: 0 },
    ]);
    expect(await run(pooled, `SELECT count(*)::int AS n FROM acct WHERE id >= 100000 AND name LIKE 'new %'`)).toEqual([
      { n: 20 },
    ]);

    ok(await runCli(['apply', '--url', pooled, '--contract'], { cwd: dir }));
    // After the contract the version schema is gone; the new version's search_path finds the table in its shape.
    expect(await run(v2.toString(), `SELECT count(*)::int AS n FROM acct WHERE title LIKE 'new %'`)).toEqual([
      { n: 20 },
    ]);
    await run(v2.toString(), `INSERT INTO acct (title) VALUES ('after the contract')`);
    // (The grants made here by hand are drift, which status reports.)
    const status = JSON.parse((await runCli(['status', '--url', pooled, '--json'], { cwd: dir })).stdout);
    expect(status.versionSchemas).toEqual([]);
    expect(status.migrations.map((m: { state: string }) => m.state)).toEqual(['applied', 'applied']);
  });
});
