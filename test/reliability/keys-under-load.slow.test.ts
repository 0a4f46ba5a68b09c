// A primary key and a unique constraint added to a filled table under pgbench load: the plan builds their indexes
// CONCURRENTLY and attaches them with USING INDEX, so no client waits longer than lock_timeout + 1 s; the rollback,
// also under load, takes them away again.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { project, runCli } from '../support/cli.js';
import { PGBENCH, pgbench } from '../support/pgbench.js';

const LOCK_TIMEOUT_MS = 1000;
const ROWS = 300_000;
const database = useDatabases();

const BEFORE = `CREATE TABLE accounts (id int NOT NULL, code text NOT NULL, balance int NOT NULL);
CREATE INDEX accounts_id ON accounts (id);`;
const AFTER = `CREATE TABLE accounts (id int PRIMARY KEY, code text NOT NULL UNIQUE, balance int NOT NULL);
CREATE INDEX accounts_id ON accounts (id);`;
const WORKLOAD = `\\set id random(1, ${ROWS})
BEGIN;
UPDATE accounts SET balance = balance + 1 WHERE id = :id;
SELECT balance FROM accounts WHERE id = :id;
END;
`;
const RUN = ['--lock-timeout', `${LOCK_TIMEOUT_MS}ms`, '--lock-retries', '10', '--lock-retry-delay', '200ms'];

/** Runs the CLI while pgbench runs, and returns both outcomes. */
async function underLoad(target: TestDatabase, args: readonly string[], cwd: string) {
  const load = pgbench(target, WORKLOAD, 12);
  await new Promise((r) => setTimeout(r, 2000));
  const started = Date.now();
  const run = await runCli([...args, '--url', target.url, ...RUN], { cwd });
  const ms = Date.now() - started;
  return { run, ms, load: await load };
}

const keys = (t: TestDatabase) =>
  t.db.query<{ contype: string; name: string }>(
    `SELECT contype::text, conname AS name FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype IN ('p', 'u') ORDER BY 1`,
  );

describe.skipIf(!existsSync(PGBENCH))('keys added to a filled table under pgbench load', () => {
  it('build online, hold no client past lock_timeout + 1 s, and roll back', async () => {
    const target = await database(BEFORE);
    await target.db.exec(
      `INSERT INTO accounts SELECT g, 'c' || g, 0 FROM generate_series(1, ${ROWS}) g; ANALYZE accounts;`,
    );
    const dir = project({ 'schema/s.sql': AFTER });
    const plan = await runCli(['plan', '--url', target.url, '--name', 'keys'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('CREATE UNIQUE INDEX CONCURRENTLY "accounts_pkey"');
    expect(plan.stdout).toContain('ADD CONSTRAINT "accounts_code_key" UNIQUE USING INDEX "accounts_code_key"');
    expect(plan.stdout).not.toMatch(/ADD CONSTRAINT "accounts_pkey" PRIMARY KEY \(/);

    const up = await underLoad(target, ['apply', '--allow-hazards', 'INDEX_BUILD'], dir);
    expect(up.run.code, up.run.stderr).toBe(0);
    expect(up.load.maxMs).toBeLessThanOrEqual(LOCK_TIMEOUT_MS + 1000);
    expect(await keys(target)).toEqual([
      { contype: 'p', name: 'accounts_pkey' },
      { contype: 'u', name: 'accounts_code_key' },
    ]);

    const down = await underLoad(target, ['rollback', '--steps', '1'], dir);
    expect(down.run.code, down.run.stderr).toBe(0);
    expect(down.load.maxMs).toBeLessThanOrEqual(LOCK_TIMEOUT_MS + 1000);
    expect(await keys(target)).toEqual([]);
    process.stdout.write(
      `keys under load: apply ${up.ms} ms, max latency ${up.load.maxMs.toFixed(1)} ms (${up.load.transactions} tx); ` +
        `rollback ${down.ms} ms, max latency ${down.load.maxMs.toFixed(1)} ms (${down.load.transactions} tx)\n`,
    );
  });
});
