// Renames keep their rows: declared in YAML (renamedFrom) and in SQL (-- sfm:renamed-from), planned as RENAME,
// reversed by the down steps.
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

async function rows(d: TestDatabase, sql: string) {
  return d.db.query(sql);
}

async function renameRoundTrip(
  before: Record<string, string>,
  after: Record<string, string>,
  check: (d: TestDatabase) => Promise<void>,
) {
  const target = await database();
  const dir = project(before);
  const url = ['--url', target.url];
  expect((await runCli(['plan', ...url, '--name', 'v1'], { cwd: dir })).code).toBe(0);
  expect((await runCli(['apply', ...url], { cwd: dir })).code).toBe(0);
  await target.db.exec(`INSERT INTO app.person (person_id, full_name) VALUES (1, 'Ada'), (2, 'Grace')`);
  for (const f of Object.keys(before)) rmSync(join(dir, f));
  for (const [f, text] of Object.entries(after)) writeFileSync(join(dir, f), text);

  const plan = await runCli(['plan', ...url, '--name', 'rename'], { cwd: dir });
  expect(plan.stderr).toBe('');
  expect(plan.stdout).toContain('ALTER TABLE "app"."person" RENAME TO "member"');
  expect(plan.stdout).toContain('ALTER TABLE "app"."member" RENAME COLUMN "full_name" TO "name"');
  expect(plan.stdout).not.toMatch(/DROP TABLE|DROP COLUMN|DROP CONSTRAINT|ADD CONSTRAINT|INDEX_BUILD/);
  const refused = await runCli(['apply', ...url], { cwd: dir });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('CORRECTNESS');
  expect((await runCli(['apply', ...url, '--allow-hazards', 'CORRECTNESS'], { cwd: dir })).code).toBe(0);
  await check(target);
  expect(await rows(target, `SELECT person_id, name FROM app.member ORDER BY 1`)).toEqual([
    { person_id: 1, name: 'Ada' },
    { person_id: 2, name: 'Grace' },
  ]);
  const again = await runCli(['plan', ...url, '--exit-code', '--dry-run'], { cwd: dir });
  expect(again.stdout).toContain('No changes');

  expect(
    (await runCli(['rollback', ...url, '--steps', '1', '--allow-hazards', 'CORRECTNESS'], { cwd: dir })).code,
  ).toBe(0);
  expect(await rows(target, `SELECT person_id, full_name FROM app.person ORDER BY 1`)).toEqual([
    { person_id: 1, full_name: 'Ada' },
    { person_id: 2, full_name: 'Grace' },
  ]);
}

describe('renames', () => {
  it('via YAML renamedFrom keep the rows of the table and the column', async () => {
    const v1 =
      'schema: app\nschemas: [{ name: app }]\ntables:\n  - name: person\n    columns:\n      - { name: person_id, type: int, primaryKey: true }\n      - { name: full_name, type: text }\n    indexes:\n      - { name: person_name, columns: [full_name] }\n';
    // The key keeps its old name explicitly: an unnamed key of table member would be member_pkey, a new constraint.
    const v2 =
      'schema: app\nschemas: [{ name: app }]\ntables:\n  - name: member\n    renamedFrom: person\n    primaryKey: { name: person_pkey, columns: [person_id] }\n    columns:\n      - { name: person_id, type: int }\n      - { name: name, type: text, renamedFrom: full_name }\n    indexes:\n      - { name: person_name, columns: [name] }\n';
    await renameRoundTrip({ 'schema/app.yaml': v1 }, { 'schema/app.yaml': v2 }, async (d) => {
      // The index followed its column: still there, not re-created under another name.
      expect(await rows(d, `SELECT indexdef FROM pg_indexes WHERE indexname = 'person_name'`)).toEqual([
        { indexdef: 'CREATE INDEX person_name ON app.member USING btree (name)' },
      ]);
    });
  });

  it('via SQL comments keep the rows of the table and the column', async () => {
    const v1 = 'CREATE SCHEMA app;\nCREATE TABLE app.person (person_id int PRIMARY KEY, full_name text);\n';
    // An unnamed key: PostgreSQL calls it member_pkey for the new table, and the plan renames person_pkey along.
    const v2 =
      'CREATE SCHEMA app;\n-- sfm:renamed-from person\nCREATE TABLE app.member (\n  person_id int PRIMARY KEY,\n  name text -- sfm:renamed-from full_name\n);\n';
    await renameRoundTrip({ 'schema/app.sql': v1 }, { 'schema/app.sql': v2 }, async (d) => {
      expect(
        await rows(d, `SELECT conname FROM pg_constraint WHERE conrelid = 'app.member'::regclass AND contype = 'p'`),
      ).toEqual([{ conname: 'member_pkey' }]);
    });
  });
});
