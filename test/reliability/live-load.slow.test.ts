// Under live load: while pgbench runs a read/write workload on the table being migrated, an online migration (an
// index built concurrently, a foreign key added NOT VALID then validated, SET NOT NULL through a validated check)
// completes, and no client transaction waits longer than lock_timeout plus one second. pgbench's maximum latency
// with and without the migration is printed for the record.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';
import { PGBENCH, pgbench } from '../support/pgbench.js';
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

    const quiet = await pgbench(target, WORKLOAD, 6);
    const load = pgbench(target, WORKLOAD, 14);
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
