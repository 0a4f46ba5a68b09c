// The public API as a library user meets it: the package's own name, typed results, typed errors.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/sys/process.js';
import { useDatabases } from '../support/db.js';

const database = useDatabases();
const ROOT = join(__dirname, '..', '..');

describe('the API example', () => {
  it('plans a schema folder against a database and prints the steps as JSON', async () => {
    const target = await database('CREATE TABLE users (id bigint PRIMARY KEY);');
    const r = await runProcess(
      process.execPath,
      [join(ROOT, 'examples', 'api', 'plan-steps.mjs'), join(ROOT, 'examples', 'quickstart-sql', 'schema'), target.url],
      { cwd: ROOT },
    );
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { steps: { id: string; sql: string[] }[] };
    expect(out.steps.length).toBeGreaterThan(0);
    expect(out.steps.some((s) => s.sql.some((x) => x.includes('CREATE TABLE')))).toBe(true);
    expect(await target.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([
      { tablename: 'users' },
    ]);
  });
});

describe('workflows', () => {
  it('status and diff return typed results; errors are typed with fields', async () => {
    const api = await import('../../src/index.js');
    const target = await database('CREATE TABLE t (id int);');
    const d = await api.diff({ from: target.url, to: { type: 'model', model: { objects: [] } } });
    expect(d.steps.map((s) => s.id)).toContain('table:public.t');
    expect(d.hazards).toContain('DELETES_DATA');
    const err = await api
      .status({ url: 'postgres://u:pw@127.0.0.1:1/db', migrationsDir: ROOT })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(api.ConnectionError);
    expect((err as InstanceType<typeof api.ConnectionError>).details).toMatchObject({
      host: '127.0.0.1',
      port: 1,
      database: 'db',
    });
  });
});
