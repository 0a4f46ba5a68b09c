// Each class of failure a user meets first: one line naming where (never the password) and what to check, exit 1,
// no stack trace; --json carries the error's fields; --debug shows the stack.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { serverUrl, urlFor, useDatabases } from '../support/db.js';
import { project, runCli, type CliResult } from '../support/cli.js';

const SECRET = 'hunter2-secret';
const database = useDatabases();

function oneCleanLine(r: CliResult): string {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  expect(r.stdout + r.stderr).not.toContain(SECRET);
  return lines[0] as string;
}

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

/** A TCP server that accepts connections and never answers: a connection that hangs. */
let silent: Server;
let silentPort = 0;
const sockets: Socket[] = [];
beforeAll(async () => {
  silent = createServer((s) => {
    sockets.push(s);
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      silent.close(() => r());
    }),
);

describe('clean errors', () => {
  const dir = project({ 'generated-migrations/.keep': '' });

  it('a server that is down: host, port, database and what to check', async () => {
    const line = oneCleanLine(
      await runCli(['status', '--url', `postgres://app:${SECRET}@127.0.0.1:1/appdb`], { cwd: dir }),
    );
    expect(line).toBe(
      'error: cannot connect to the target database at 127.0.0.1:1/appdb: connection refused: is PostgreSQL running there and listening on that port?',
    );
  });

  it('a database that does not exist', async () => {
    const line = oneCleanLine(await runCli(['status', '--url', urlFor('no_such_db')], { cwd: dir }));
    expect(line).toContain('/no_such_db: database "no_such_db" does not exist');
  });

  it('a wrong password', async () => {
    const url = withPassword(serverUrl(), SECRET);
    const r = await runCli(['status', '--url', url], { cwd: dir });
    // A server that trusts every local connection (as CI's second server does) cannot refuse a password.
    if (r.code === 0) return expect(r.stdout).toContain('No migrations');
    expect(oneCleanLine(r)).toContain('password authentication failed for user');
  });

  it('a connection that hangs times out', async () => {
    const r = await runCli(['status', '--url', `postgres://app:${SECRET}@127.0.0.1:${silentPort}/appdb`], {
      cwd: dir,
      env: { SFM_CONNECT_TIMEOUT_MS: '800' },
    });
    expect(oneCleanLine(r)).toContain(`127.0.0.1:${silentPort}/appdb: the connection timed out`);
  });

  it('--json prints the fields; --debug adds the stack', async () => {
    const url = `postgres://app:${SECRET}@127.0.0.1:1/appdb`;
    const json = await runCli(['status', '--url', url, '--json'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      details: { type: 'ConnectionError', host: '127.0.0.1', port: 1, database: 'appdb' },
    });
    const debug = await runCli(['status', '--url', url, '--debug'], { cwd: dir });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.stderr).not.toContain(SECRET);
  });

  it('a failed statement carries its file, line, step and SQLSTATE', async () => {
    const d = project({ 'schema/a.sql': 'CREATE TABLE t (id int);' });
    expect((await runCli(['create', 'broken'], { cwd: d })).code).toBe(0);
    const file = readdirSync(`${d}/generated-migrations`).find((f) => f.endsWith('_broken.sql')) as string;
    writeFileSync(
      `${d}/generated-migrations/${file}`,
      '-- +sfm up\nCREATE TABLE t (id int);\nSELECT * FROM missing_table;\n-- +sfm down\nDROP TABLE t;\n',
    );
    expect((await runCli(['hash'], { cwd: d })).code).toBe(0);
    const target = await database();
    const failed = await runCli(['apply', '--url', target.url, '--json'], { cwd: d });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      details: { type: 'MigrationError', line: 3, step: 2, sqlstate: '42P01' },
    });
    expect(await target.db.query(`SELECT 1 FROM pg_tables WHERE tablename = 't'`)).toEqual([]);
  });
});

describe('start', () => {
  it('--version and --help answer without loading the pipeline', async () => {
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('plan');
    expect(h.stdout).toContain('init');
  });

  it('init writes a config, an example schema and a migration folder, and refuses to overwrite', async () => {
    const d = project({});
    const r = await runCli(['init'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = await runCli(['plan', '--dry-run', '--dev-url', 'embedded', '--json'], { cwd: d });
    expect(plan.stderr).toBe('');
    expect(JSON.parse(plan.stdout).steps.map((s: { id: string }) => s.id)).toContain('table:public.example');
    const again = await runCli(['init'], { cwd: d });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('init would overwrite');
  });
});
