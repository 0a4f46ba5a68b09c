// Under live load: while pgbench runs a read/write workload on the table being migrated, an online migration (an
// index built concurrently, a foreign key added NOT VALID then validated, SET NOT NULL through a validated check)
// completes, and no client transaction waits longer than lock_timeout plus one second. pgbench's maximum latency
// with and without the migration is printed for the record.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/sys/process.js';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const PGBENCH = process.env['SFM_PGBENCH'] ?? '/usr/lib/postgresql/15/bin/pgbench';
const LOCK_TIMEOUT_MS = 1000;
const database = useDatabases();

const BEFORE = `CREATE TABLE owners (id int PRIMARY KEY);
CREATE TABLE accounts (id int PRIMARY KEY, balance int, ref int);`;
const AFTER = `CREATE TABLE owners (id int PRIMARY KEY);
CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL, ref int REFERENCES owners (id));
CREATE INDEX accounts_ref ON accounts (ref);`;
const WORKLOAD = `\\set id random(1, 200000)
BEGIN;
UPDATE accounts SET balance = balance + 1 WHERE id = :id;
SELECT balance, ref FROM accounts WHERE id = :id;
END;
`;

/** Runs pgbench for `seconds` and returns its maximum transaction latency in milliseconds (from its per-transaction log). */
async function pgbench(target: TestDatabase, seconds: number): Promise<{ maxMs: number; transactions: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-bench-'));
  writeFileSync(join(dir, 'workload.sql'), WORKLOAD);
  const u = new URL(target.url);
  const r = await runProcess(
    PGBENCH,
    [
      '-n',
      '-c',
      '4',
      '-j',
      '2',
      '-T',
      String(seconds),
      '-f',
      join(dir, 'workload.sql'),
      '-l',
      '--log-prefix',
      join(dir, 'tx'),
      '-h',
      u.hostname,
      '-p',
      u.port,
      '-U',
      decodeURIComponent(u.username),
      target.name,
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
  );
  expect(r.code, r.stderr).toBe(0);
  // Log lines: client_id transaction_no time_us script_no time_epoch time_us_part
  const latencies = readdirSync(dir)
    .filter((f) => f.startsWith('tx'))
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .trim()
        .split('\n')
        .map((l) => Number(l.split(' ')[2]) / 1000),
    );
  // A fast machine logs more transactions than a spread into Math.max takes as arguments.
  return { maxMs: latencies.reduce((m, x) => Math.max(m, x), 0), transactions: latencies.length };
}

describe.skipIf(!existsSync(PGBENCH))('an online migration under pgbench load', () => {
  it('completes without holding any client longer than lock_timeout + 1 s', async () => {
    const target = await database(BEFORE);
    await target.db.exec(`INSERT INTO owners SELECT g FROM generate_series(1, 100) g;
      INSERT INTO accounts SELECT g, 0, g % 100 + 1 FROM generate_series(1, 200000) g; ANALYZE accounts;`);
    const dir = project({ 'schema/s.sql': AFTER });
    const plan = await runCli(['plan', '--url', target.url, '--name', 'online'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('CREATE INDEX CONCURRENTLY');
    expect(plan.stdout).toContain('NOT VALID');
    expect(plan.stdout).toContain('SET NOT NULL');

    const quiet = await pgbench(target, 6);
    const load = pgbench(target, 14);
    await new Promise((r) => setTimeout(r, 2000));
    const started = Date.now();
    const apply = await runCli(
      [
        'apply',
        '--url',
        target.url,
        '--allow-hazards',
        'all',
        '--lock-timeout',
        `${LOCK_TIMEOUT_MS}ms`,
        '--lock-retries',
        '10',
        '--lock-retry-delay',
        '200ms',
      ],
      { cwd: dir },
    );
    const applyMs = Date.now() - started;
    const busy = await load;
    expect(apply.code, apply.stderr).toBe(0);
    expect(busy.maxMs).toBeLessThanOrEqual(LOCK_TIMEOUT_MS + 1000);
    const [row] = await target.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'f' AND convalidated`,
    );
    expect(row?.n).toBe(1);
    process.stdout.write(
      `pgbench max latency: ${quiet.maxMs.toFixed(1)} ms without the migration (${quiet.transactions} tx), ` +
        `${busy.maxMs.toFixed(1)} ms with it (${busy.transactions} tx); apply took ${applyMs} ms under load\n`,
    );
  });
});
