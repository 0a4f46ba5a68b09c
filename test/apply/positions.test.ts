// A sequence narrowed below where it stands (issue 22): apply stops with the sequence, its value and the new maximum,
// and leaves catalog, rows and position as they were; a position that fits is kept.
import { describe, expect, it } from 'vitest';
import { project, runCli } from '../support/cli.js';
import { useDatabases } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';

const database = useDatabases();
const TABLE = "CREATE TABLE item (id bigint PRIMARY KEY DEFAULT nextval('ids'), name text);";

describe('a narrowed sequence', () => {
  it('that cannot hold its current value stops apply (exit 1) naming it, its value and the new maximum; nothing changes', async () => {
    const d = await database(`CREATE SEQUENCE ids AS bigint; ${TABLE}
      INSERT INTO item (name) VALUES ('a'); SELECT setval('ids', 3000000000); INSERT INTO item (name) VALUES ('b');`);
    const dir = project({ 'schema/s.sql': `CREATE SEQUENCE ids AS integer; ${TABLE}` });
    const plan = await runCli(['plan', '--url', d.url, '--name', 'narrow'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).not.toContain('RESTART WITH 1;');
    const catalog = await fingerprint(d.db);
    const rows = await d.db.query('SELECT id, name FROM item ORDER BY id');

    const r = await runCli(['apply', '--url', d.url, '--allow-hazards', 'all'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'sequence public.ids: its current value 3000000001 does not fit the new range (minimum 1, maximum 2147483647); nothing was changed',
    );
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(await fingerprint(d.db)).toEqual(catalog);
    expect(await d.db.query('SELECT id, name FROM item ORDER BY id')).toEqual(rows);
    expect(await d.db.query("SELECT nextval('ids')::text AS n")).toEqual([{ n: '3000000002' }]);
  });

  it('that holds its current value keeps it: the next insert continues from there', async () => {
    const d = await database(`CREATE SEQUENCE ids AS bigint; ${TABLE}
      INSERT INTO item (name) VALUES ('a'), ('b'); SELECT setval('ids', 500);`);
    const dir = project({ 'schema/s.sql': `CREATE SEQUENCE ids AS integer; ${TABLE}` });
    expect((await runCli(['plan', '--url', d.url, '--name', 'narrow'], { cwd: dir })).code).toBe(0);
    const r = await runCli(['apply', '--url', d.url], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(await d.db.query("INSERT INTO item (name) VALUES ('c') RETURNING id::text")).toEqual([{ id: '501' }]);
  });
});
