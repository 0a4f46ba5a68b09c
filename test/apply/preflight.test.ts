// The preflight before each segment on the target: a session left idle in its transaction with a lock on the table
// makes apply refuse, naming it, before anything runs or any lock is requested; once it is gone, apply runs.
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/queryable.js';
import { project, runCli } from '../support/cli.js';
import { useDatabases } from '../support/db.js';

const database = useDatabases();

describe('preflight', () => {
  it('refuses to queue behind a session idle in its transaction, naming its pid; runs once it is gone', async () => {
    const target = await database('CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2);');
    const dir = project({ 'schema/s.sql': 'CREATE TABLE t (id int PRIMARY KEY, note text);' });
    expect((await runCli(['plan', '--url', target.url, '--name', 'note'], { cwd: dir })).code).toBe(0);

    const holder = await connect(target.url);
    const [me] = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await holder.exec("SET application_name = 'report-job'; BEGIN; SELECT * FROM t WHERE id = 1 FOR UPDATE");
    // Left idle: longer than the second that tells a forgotten transaction from a busy client between statements.
    await new Promise((r) => setTimeout(r, 1500));
    const refused = await runCli(['apply', '--url', target.url, '--preflight-wait', '1500ms'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`pid ${me?.pid} (report-job), idle in transaction`);
    expect(refused.stderr).toContain('on public.t');
    // --json reports the sessions it saw.
    const json = await runCli(['apply', '--url', target.url, '--preflight-wait', '300ms', '--json'], { cwd: dir });
    expect(json.code).toBe(1);
    const details = (JSON.parse(json.stdout) as { details: { sessions: { pid: number; application: string }[] } })
      .details;
    expect(details.sessions).toContainEqual(expect.objectContaining({ pid: me?.pid, application: 'report-job' }));
    // Nothing ran, and nothing of the run is left waiting for a lock.
    const columns = await target.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 't' AND column_name = 'note'",
    );
    expect(columns[0]?.n).toBe(0);
    // (pg_locks is the server's: other tests running beside this one wait for their own locks in their databases.)
    const waiting = await target.db.query(
      `SELECT pid FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(waiting).toEqual([]);

    await holder.exec('COMMIT');
    await holder.close();
    const applied = await runCli(['apply', '--url', target.url, '--preflight-wait', '1500ms'], { cwd: dir });
    expect(applied.code, applied.stderr).toBe(0);
  });

  it('before a concurrent index build, names a long transaction on another table, which the build would wait for', async () => {
    const target = await database('CREATE TABLE t (id int PRIMARY KEY, code text); CREATE TABLE other (id int);');
    const dir = project({
      'schema/s.sql':
        'CREATE TABLE t (id int PRIMARY KEY, code text); CREATE TABLE other (id int); CREATE INDEX t_code ON t (code);',
    });
    expect((await runCli(['plan', '--url', target.url, '--name', 'idx'], { cwd: dir })).code).toBe(0);
    const holder = await connect(target.url);
    const [me] = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // A snapshot held open (REPEATABLE READ): the build waits for it, whatever it reads.
    await holder.exec("SET application_name = 'other-job'; BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT * FROM other");
    await new Promise((r) => setTimeout(r, 1500));
    const refused = await runCli(
      ['apply', '--url', target.url, '--preflight-wait', '500ms', '--allow-hazards', 'INDEX_BUILD'],
      { cwd: dir },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`pid ${me?.pid} (other-job), idle in transaction`);
    expect(refused.stderr).toContain('a concurrent index build waits for every older transaction');
    await holder.exec('COMMIT');
    await holder.close();
    const applied = await runCli(
      ['apply', '--url', target.url, '--preflight-wait', '500ms', '--allow-hazards', 'INDEX_BUILD'],
      { cwd: dir },
    );
    expect(applied.code, applied.stderr).toBe(0);
  });
});
