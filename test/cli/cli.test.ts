// The CLI end to end on a real server: plan → migration file → apply → status → rollback, bad input, exit codes.
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

describe('sfm-schema CLI', () => {
  it('plans, applies, reports status and rolls back against a server', async () => {
    const target = await database();
    const dir = project({ 'schema/01.sql': 'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);' });
    const plan = await runCli(['plan', '--url', target.url, '--name', 'create items', '--exit-code'], { cwd: dir });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('CREATE TABLE "public"."items"');
    const files = readdirSync(join(dir, 'generated-migrations')).sort();
    expect(files).toEqual([expect.stringMatching(/^\d{14}_create_items\.sql$/), 'sfm.sum']);
    const text = readFileSync(join(dir, 'generated-migrations', files[0] as string), 'utf8');
    expect(text).toMatch(/-- from: sha256:[0-9a-f]{64}\n-- to: sha256:[0-9a-f]{64}/);
    expect(text).toContain('-- +sfm down\n-- step 1: drop table:public.items');

    const apply = await runCli(['apply', '--url', target.url, '--allow-hazards', 'all'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/applied \d{14}_create_items/);

    const status = await runCli(['status', '--url', target.url, '--json'], { cwd: dir });
    const rows = JSON.parse(status.stdout).migrations;
    expect(rows).toHaveLength(1);
    expect(rows[0].state).toBe('applied');

    const replan = await runCli(['plan', '--url', target.url, '--exit-code', '--dry-run'], { cwd: dir });
    expect(replan.stdout).toContain('No changes');
    expect(replan.code).toBe(0);

    const back = await runCli(['rollback', '--url', target.url, '--to', '0', '--allow-hazards', 'all'], { cwd: dir });
    expect(back.code).toBe(0);
    const tables = await target.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables[0]?.n).toBe('0');
    const history = await target.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM sfm_schema.history`);
    expect(history[0]?.n).toBe('0');
  });

  it('plans from the migration history on the embedded dev database (no server)', async () => {
    const dir = project({ 'schema/a.sql': 'CREATE TABLE t (id int);' });
    const first = await runCli(['plan', '--name', 'one', '--dev-url', 'embedded'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    writeFileSync(join(dir, 'schema/a.sql'), 'CREATE TABLE t (id int, note text);');
    const second = await runCli(['plan', '--name', 'two', '--dev-url', 'embedded', '--json'], { cwd: dir });
    const out = JSON.parse(second.stdout);
    expect(out.steps.map((s: { sql: string[] }) => s.sql).flat()).toEqual([
      'ALTER TABLE "public"."t" ADD COLUMN "note" text',
    ]);
    const none = await runCli(['plan', '--exit-code', '--dev-url', 'embedded'], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No changes');
  });

  it('runs the quickstart example with --dry-run on PGlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfm-qs-'));
    cpSync(join(__dirname, '..', '..', 'examples', 'quickstart-sql'), join(dir, 'examples', 'quickstart-sql'), {
      recursive: true,
    });
    const r = await runCli(['plan', '--schema', 'examples/quickstart-sql/schema', '--dry-run'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('embedded dev database (PGlite)');
    expect(r.stdout).toContain('CREATE TABLE "public"."Order"');
    expect(readdirSync(dir)).toEqual(['examples']);
  });

  it('reports a syntax error as file:line:column with exit 1 and leaves the target alone', async () => {
    const target = await database('CREATE TABLE keep (id int);');
    const before = await fingerprint(target.db);
    const dir = project({
      'schema/01_ok.sql': 'CREATE TABLE keep (id int);\n',
      'schema/02_bad.sql': 'CREATE TABLE x (\n  a int,\n  b text,,\n);\n',
    });
    const r = await runCli(['plan', '--url', target.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('schema/02_bad.sql:3:10: syntax error at or near ","');
    expect(r.stdout).toBe('');
    expect(await fingerprint(target.db)).toEqual(before);
  });

  it('reports an execution error in the desired state at its place', async () => {
    const dir = project({ 'schema/a.sql': 'CREATE TABLE a (id int);\n\nCREATE TABLE b (x no_such_type);\n' });
    const r = await runCli(['plan', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('schema/a.sql:3:19: type "no_such_type" does not exist');
  });

  it('never prints the password of a URL', async () => {
    const r = await runCli(['status', '--url', 'postgres://u:s3cret-pw@127.0.0.1:1/db']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain('s3cret-pw');
  });

  it('refuses hazards that are not allowed, before running anything', async () => {
    const target = await database('CREATE TABLE t (id int, gone text);');
    const dir = project({ 'schema/a.sql': 'CREATE TABLE t (id int);' });
    expect((await runCli(['plan', '--url', target.url], { cwd: dir })).code).toBe(0);
    const r = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/_schema_change\.sql: DELETES_DATA\n\s+step 1: alter table:public\.t \[DELETES_DATA\]/);
    const cols = await target.db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'gone'`,
    );
    expect(cols).toHaveLength(1);
  });

  it('inspect writes SQL that plans to nothing against the same database', async () => {
    const target = await database(
      readFileSync(join(__dirname, '..', '..', 'examples', 'quickstart-sql', 'schema', 'shop.sql'), 'utf8'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'sfm-inspect-'));
    const r = await runCli(['inspect', '--url', target.url, '--out', join(dir, 'schema')], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'schema', 'schema.sql'), 'utf8')).toContain('CREATE TYPE "public"."order_status"');
    const p = await runCli(['plan', '--url', target.url, '--exit-code', '--dry-run'], { cwd: dir });
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
  });

  it('loads contrib extensions into PGlite on demand and names the ones it lacks', async () => {
    const ok = project({
      'schema/a.sql':
        'CREATE EXTENSION pg_trgm;\nCREATE TABLE t (s text);\nCREATE INDEX t_trgm ON t USING gin (s gin_trgm_ops);',
    });
    const r = await runCli(['plan', '--dry-run', '--json'], { cwd: ok });
    expect(r.stderr).toBe('');
    const sql = JSON.parse(r.stdout)
      .steps.flatMap((s: { sql: string[] }) => s.sql)
      .join('\n');
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS "pg_trgm"');
    expect(sql).toContain('gin_trgm_ops');
    const missing = project({ 'schema/a.sql': 'CREATE EXTENSION postgis;' });
    const m = await runCli(['plan', '--dry-run'], { cwd: missing });
    expect(m.code).toBe(1);
    expect(m.stderr).toContain('extension "postgis" is not available in the embedded dev database');
  });

  it('diff prints the DDL between a database, a schema folder and the migration history', async () => {
    const target = await database('CREATE TABLE t (id int);');
    const dir = project({ 'schema/a.sql': 'CREATE TABLE t (id int, note text);', 'generated-migrations/.keep': '' });
    const r = await runCli(['diff', '--from', target.url, '--to', 'schema', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).steps.flatMap((s: { sql: string[] }) => s.sql)).toEqual([
      'ALTER TABLE "public"."t" ADD COLUMN "note" text',
    ]);
    const same = await runCli(
      ['diff', '--from', 'migrations:generated-migrations', '--to', 'migrations:generated-migrations'],
      { cwd: dir },
    );
    expect(same.stdout).toContain('No differences.');
    const bad = await runCli(['diff', '--from', 'schema'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('diff needs --from SOURCE and --to SOURCE');
  });
});
