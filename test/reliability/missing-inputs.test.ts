// Missing or empty inputs are errors, named before anything is created in the target.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';
import { project, runCli, type CliResult } from '../support/cli.js';

const database = useDatabases();

async function untouched(target: TestDatabase, run: () => Promise<CliResult>): Promise<CliResult> {
  const before = await fingerprint(target.db, []);
  const r = await run();
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(await fingerprint(target.db, [])).toEqual(before);
  expect(await target.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'sfm_schema'`)).toEqual([]);
  return r;
}

describe('missing inputs', () => {
  it('a migrations folder that does not exist stops apply, status, verify, lint, hash and diff', async () => {
    const target = await database('CREATE TABLE kept (id int);');
    const dir = project({ 'schema/a.sql': 'CREATE TABLE t (id int);' });
    for (const args of [
      ['apply', '--url', target.url, '--migrations', 'migrashuns'],
      ['status', '--url', target.url, '--migrations', 'migrashuns'],
      ['verify', '--dev-url', 'embedded', '--migrations', 'migrashuns'],
      ['lint', '--migrations', 'migrashuns'],
      ['hash', '--migrations', 'migrashuns'],
      ['diff', '--from', 'migrations:migrashuns', '--to', 'schema', '--dev-url', 'embedded'],
    ]) {
      const r = await untouched(target, () => runCli(args, { cwd: dir }));
      expect(r.stderr, args.join(' ')).toContain('migrations folder migrashuns does not exist');
    }
  });

  it('a schema path that does not exist stops plan and diff', async () => {
    const target = await database('CREATE TABLE kept (id int);');
    const dir = project({});
    const plan = await untouched(target, () =>
      runCli(['plan', '--url', target.url, '--schema', 'schemaa', '--dry-run'], { cwd: dir }),
    );
    expect(plan.stderr).toContain('schema path schemaa does not exist');
    const diff = await untouched(target, () => runCli(['diff', '--from', target.url, '--to', 'schemaa'], { cwd: dir }));
    expect(diff.stderr).toContain('schema path schemaa does not exist');
  });

  it('an empty schema folder against a database with tables needs --allow-empty-schema', async () => {
    const target = await database('CREATE TABLE kept (id int); CREATE TABLE other (id int);');
    const dir = project({ 'schema/empty.sql': '-- nothing yet\n' });
    mkdirSync(join(dir, 'schema', 'sub'));
    const r = await untouched(target, () => runCli(['plan', '--url', target.url], { cwd: dir }));
    expect(r.stderr).toContain(
      'declares nothing, but the target database has 2 table(s): the plan would drop everything',
    );
    const allowed = await runCli(['plan', '--url', target.url, '--dry-run', '--allow-empty-schema'], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/ALTER TABLE "public"\."kept" SET SCHEMA "sfm_archive_\d{14}"/);
    // From the history (empty here), an empty schema is nothing to refuse.
    const fresh = await runCli(['plan', '--dry-run', '--dev-url', 'embedded', '--exit-code'], { cwd: dir });
    expect(fresh.code).toBe(0);
  });

  it('a config file or environment that does not exist is an error', async () => {
    const target = await database('CREATE TABLE kept (id int);');
    const dir = project({
      'schema/a.sql': 'CREATE TABLE t (id int);',
      'generated-migrations/.keep': '',
      'sfm-schema.config.yaml': `environments:\n  staging:\n    url: ${target.url}\n`,
    });
    const env = await untouched(target, () => runCli(['apply', '--env', 'prod'], { cwd: dir }));
    expect(env.stderr).toContain('environment "prod" is not defined (defined: staging)');
    const file = await untouched(target, () =>
      runCli(['apply', '--url', target.url, '--config', 'nope.yaml'], { cwd: dir }),
    );
    expect(file.stderr).toContain('config file nope.yaml does not exist');
  });

  it('a refused hazard creates nothing in the target', async () => {
    const target = await database('CREATE TABLE kept (id int);');
    const dir = project({ 'schema/a.sql': 'CREATE TABLE t (id int);' });
    expect(
      (await runCli(['plan', '--url', target.url, '--name', 'swap', '--drops', 'delete'], { cwd: dir })).code,
    ).toBe(0);
    const r = await untouched(target, () => runCli(['apply', '--url', target.url], { cwd: dir }));
    expect(r.stderr).toContain('refusing to apply: hazards not allowed');
  });
});
