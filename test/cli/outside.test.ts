// A desired state runs on a dev database, which with --url is a temporary database on the target's own server: a
// statement there that reaches the server (its databases, roles, configuration, files) would change the target's
// server during a dry run. Before this was refused, `plan --dry-run` with `DROP DATABASE victim` in a schema file
// dropped `victim`, and `ALTER ROLE` changed the role. CREATE ROLE is not run at all.
import { describe, expect, it } from 'vitest';
import { ensureRole, useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

describe('statements reaching outside the dev database', () => {
  it('are refused with their place before anything runs; the server keeps its databases and roles', async () => {
    await ensureRole('sfm_outside_role');
    const target = await database('CREATE TABLE t (id int);');
    const victim = await database('CREATE TABLE precious (id int);');
    const name = victim.name;
    // No session of ours on it: DROP DATABASE would succeed if it ran.
    await victim.db.close();
    const limit = async () =>
      (
        await target.db.query<{ n: number }>(
          `SELECT rolconnlimit AS n FROM pg_roles WHERE rolname = 'sfm_outside_role'`,
        )
      )[0]?.n;
    const before = await limit();
    const dir = project({
      'schema/a.sql': 'CREATE TABLE t (id int);',
      'schema/b.sql': `DROP DATABASE "${name}";\nALTER ROLE sfm_outside_role CONNECTION LIMIT 7;`,
    });
    const plan = await runCli(['plan', '--url', target.url, '--dry-run'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('error: schema/b.sql:1:1: DROP DATABASE: databases and their settings belong');
    expect(plan.stderr).toContain('also:\n  schema/b.sql:2:1: ALTER ROLE: roles belong to the server');
    expect(plan.stderr).not.toContain('    at ');
    const still = await target.db.query<{ d: string }>('SELECT datname AS d FROM pg_database WHERE datname = $1', [
      name,
    ]);
    expect(still).toEqual([{ d: name }]);
    expect(await limit()).toBe(before);
  });

  it('CREATE ROLE is named as not run, and the role is not made on the server', async () => {
    const target = await database();
    const role = `sfm_never_made_${Date.now()}`;
    const dir = project({ 'schema/a.sql': `CREATE ROLE ${role};\nCREATE TABLE t (id int);` });
    const plan = await runCli(['plan', '--url', target.url, '--dry-run'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain('a role (not run: roles belong to the server, not to a schema) at schema/a.sql:1:1');
    expect(plan.stdout).toContain('CREATE TABLE "public"."t"');
    expect(await target.db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).toEqual([]);
  });
});
