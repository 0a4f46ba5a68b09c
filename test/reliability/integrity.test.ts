// Integrity: applied migration files edited, removed or reordered are refused with the file named, and a history
// row altered by hand is reported by status and refused by apply and rollback.
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();
let source = '';
let files: string[] = [];

beforeAll(async () => {
  source = project({ 'schema/a.sql': 'CREATE TABLE a (id int);' });
  expect((await runCli(['plan', '--name', 'one', '--dev-url', 'embedded'], { cwd: source })).code).toBe(0);
  writeFileSync(join(source, 'schema/b.sql'), 'CREATE TABLE b (id int);');
  expect((await runCli(['plan', '--name', 'two', '--dev-url', 'embedded'], { cwd: source })).code).toBe(0);
  files = readdirSync(join(source, 'generated-migrations'))
    .filter((f) => f.endsWith('.sql'))
    .sort();
  expect(files).toHaveLength(2);
});

/** A copy of the project with both migrations applied to a fresh database. */
async function applied(): Promise<{ dir: string; target: TestDatabase; mig: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-int-'));
  cpSync(source, dir, { recursive: true });
  const target = await database();
  const r = await runCli(['apply', '--url', target.url], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return { dir, target, mig: join(dir, 'generated-migrations') };
}

describe('integrity of applied migrations', () => {
  it('an edited applied migration is refused, naming the file', async () => {
    const { dir, target, mig } = await applied();
    appendFileSync(join(mig, files[0] as string), '\n-- a harmless-looking edit\n');
    const r = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`migration ${files[0]} was edited after it was written`);
  });

  it('a removed migration is refused, naming the file', async () => {
    const { dir, target, mig } = await applied();
    rmSync(join(mig, files[0] as string));
    const r = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`migration ${files[0]} is listed in sfm.sum but its file was removed`);
  });

  it('reordered migrations are refused, naming the file', async () => {
    const { dir, target, mig } = await applied();
    const second = files[1] as string;
    const early = `00000000000000_${second.slice(15)}`;
    renameSync(join(mig, second), join(mig, early));
    const r = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`migration files were removed or reordered: ${second} is now ${early}`);
  });

  it('a history row altered by hand is reported by status and refused by apply and rollback', async () => {
    const { dir, target } = await applied();
    await target.db.exec(`UPDATE sfm_schema.history SET down_sql = 'DROP TABLE a; DROP TABLE b' WHERE name = 'two'`);
    const status = await runCli(['status', '--url', target.url, '--no-drift'], { cwd: dir });
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/^altered\s+\d{14}_two/m);
    const back = await runCli(['rollback', '--url', target.url, '--steps', '1', '--allow-hazards', 'all'], {
      cwd: dir,
    });
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(/the history row of migration \d{14}_two was altered by hand/);
    expect(await target.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).toEqual([
      { tablename: 'a' },
      { tablename: 'b' },
    ]);
    const again = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was altered by hand');
  });
});
