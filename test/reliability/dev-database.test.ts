// A --dev-url database is wiped before use, so only an empty or sfm-marked one is accepted; a target never is.
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';
import { project, runCli } from '../support/cli.js';
import { DEV_MARKER } from '../../src/dev-db/guard.js';

const database = useDatabases();
const schema = { 'schema/a.sql': 'CREATE TABLE t (id int PRIMARY KEY);' };

describe('dev databases named by --dev-url', () => {
  it('refuses a database that holds objects, names what it holds, and leaves it untouched', async () => {
    const prod = await database(`CREATE SCHEMA app; CREATE TABLE app.orders (id int); CREATE TYPE mood AS ENUM ('ok');
      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; INSERT INTO app.orders VALUES (1), (2);`);
    const before = await fingerprint(prod.db, []);
    const r = await runCli(['plan', '--dry-run', '--dev-url', prod.url], { cwd: project(schema) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`refusing to use the dev database`);
    expect(r.stderr).toContain(`/${prod.name}`);
    expect(r.stderr).toMatch(/1 schema\b.*relation.*1 type.*1 function/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await fingerprint(prod.db, [])).toEqual(before);
    expect((await prod.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app.orders'))[0]?.n).toBe(2);
  });

  it('refuses a database that holds only an extension', async () => {
    const other = await database('CREATE EXTENSION pg_trgm;');
    const r = await runCli(['plan', '--dry-run', '--dev-url', other.url], { cwd: project(schema) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('extension pg_trgm');
    expect((await other.db.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).length).toBe(1);
  });

  it('uses an empty database, marks it, and reuses it although the last run left objects in it', async () => {
    const scratch = await database();
    const dir = project(schema);
    // Unproven, the plan leaves the desired state in the dev database (the proof would leave the current one).
    const first = await runCli(['plan', '--dry-run', '--no-prove', '--dev-url', scratch.url], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('CREATE TABLE "public"."t"');
    const [c] = await scratch.db.query<{ d: string }>(
      `SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()`,
    );
    expect(c?.d).toBe(DEV_MARKER);
    expect((await scratch.db.query(`SELECT 1 FROM pg_tables WHERE tablename = 't'`)).length).toBe(1);
    const second = await runCli(['plan', '--dry-run', '--dev-url', scratch.url], { cwd: dir });
    expect(second.code).toBe(0);
  });

  it('always refuses the target itself, even when spelled differently or marked', async () => {
    const target = await database();
    await target.db.exec(`COMMENT ON DATABASE ${target.name} IS '${DEV_MARKER}'`);
    const other = new URL(target.url);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const before = await fingerprint(target.db, []);
    for (const dev of [target.url, other.toString()]) {
      const r = await runCli(['plan', '--dry-run', '--url', target.url, '--dev-url', dev], { cwd: project(schema) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('it is the database this command works on');
    }
    const d = await runCli(['diff', '--from', target.url, '--to', 'schema', '--dev-url', target.url], {
      cwd: project(schema),
    });
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('it is the database this command works on');
    expect(await fingerprint(target.db, [])).toEqual(before);
  });
});
