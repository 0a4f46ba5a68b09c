// Drift and integrity through the CLI: status reports hand-made changes object by object, apply refuses them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

describe('drift', () => {
  it('status reports a column added by hand; apply refuses until allowed', async () => {
    const target = await database();
    const dir = project({ 'schema/items.sql': 'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);' });
    expect((await runCli(['plan', '--url', target.url, '--name', 'items'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['apply', '--url', target.url], { cwd: dir })).code).toBe(0);

    const clean = await runCli(['status', '--url', target.url], { cwd: dir });
    expect(clean.stdout).toContain('No drift');
    expect(clean.code).toBe(0);

    await target.db.exec(
      `ALTER TABLE items ADD COLUMN note text; CREATE TABLE scratch (x int); DROP INDEX IF EXISTS nothing`,
    );
    const drifted = await runCli(['status', '--url', target.url], { cwd: dir });
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('table:public.items: changed outside migrations (column added: note)');
    expect(drifted.stdout).toContain('table:public.scratch: not made by any applied migration');
    const json = JSON.parse((await runCli(['status', '--url', target.url, '--json'], { cwd: dir })).stdout);
    expect(json.drift).toEqual([
      { id: 'table:public.items', kind: 'table', state: 'changed', detail: 'column added: note' },
      { id: 'table:public.scratch', kind: 'table', state: 'unexpected' },
    ]);

    writeFileSync(
      join(dir, 'schema/items.sql'),
      'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric);',
    );
    expect((await runCli(['plan', '--name', 'price', '--dev-url', 'embedded'], { cwd: dir })).code).toBe(0);
    const refused = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'refusing to apply: the database differs from what its applied migrations made (use --allow-drift)',
    );
    expect(refused.stderr).toContain('table:public.items: changed outside migrations (column added: note)');
    expect((await target.db.query(`SELECT count(*)::int AS n FROM sfm_schema.history`))[0]).toEqual({ n: 1 });

    const allowed = await runCli(['apply', '--url', target.url, '--allow-drift'], { cwd: dir });
    expect(allowed.stderr).toBe('');
    expect(allowed.stdout).toMatch(/applied \d{14}_price/);
  });

  it('a database never managed by sfm-schema is clean for a plan made from it, and drifted for one made elsewhere', async () => {
    const legacy = await database('CREATE TABLE legacy (id int PRIMARY KEY);');
    const other = await database('CREATE TABLE legacy (id int PRIMARY KEY, extra text);');
    const dir = project({ 'schema/s.sql': 'CREATE TABLE legacy (id int PRIMARY KEY); CREATE TABLE fresh (id int);' });
    expect((await runCli(['plan', '--url', legacy.url, '--name', 'fresh'], { cwd: dir })).code).toBe(0);
    const status = await runCli(['status', '--url', legacy.url, '--json'], { cwd: dir });
    expect(JSON.parse(status.stdout)).toMatchObject({ migrations: [{ state: 'pending' }], drift: [] });

    const elsewhere = await runCli(['apply', '--url', other.url], { cwd: dir });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('table:public.legacy: not made by any applied migration');
    const tolerant = project({
      'sfm-schema.config.yaml': 'environments:\n  legacy:\n    url: ${OTHER_URL}\n    requireCleanStatus: false\n',
    });
    const ok = await runCli(['apply', '--env', 'legacy', '--migrations', join(dir, 'generated-migrations')], {
      cwd: tolerant,
      env: { OTHER_URL: other.url },
    });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/applied \d{14}_fresh/);
    expect((await runCli(['apply', '--url', legacy.url], { cwd: dir })).stdout).toMatch(/applied \d{14}_fresh/);
  });

  it('apply refuses an edited applied migration, naming the file, unless --allow-modified', async () => {
    const target = await database();
    const dir = project({ 'schema/a.sql': 'CREATE TABLE a (id int);' });
    await runCli(['plan', '--url', target.url, '--name', 'a'], { cwd: dir });
    expect((await runCli(['apply', '--url', target.url], { cwd: dir })).code).toBe(0);
    const file = readdirSync(join(dir, 'generated-migrations')).find((f) => f.endsWith('_a.sql')) as string;
    const path = join(dir, 'generated-migrations', file);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'CREATE TABLE "public"."a" (\n  "id" integer\n)',
        'CREATE TABLE "public"."a" (\n  "id" bigint\n)',
      ),
    );
    const refused = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(file);
    const forced = await runCli(['apply', '--url', target.url, '--allow-modified'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Nothing to apply');
  });
});
