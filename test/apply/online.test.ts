// Production runs: concurrent index builds that fail part-way, lock timeouts with retries, dry-run scripts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, status } from '../../src/apply/apply.js';
import { writeMigration } from '../../src/migrations/directory.js';
import { connect } from '../../src/db/queryable.js';
import { introspect } from '../../src/introspect/introspect.js';
import { plan, planHazards } from '../../src/plan/plan.js';
import { renderMigration } from '../../src/migrations/format.js';
import type { RunEvent } from '../../src/exec/settings.js';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';

const database = useDatabases();
const scope = { excludeSchemas: [] };

/** Writes the migration sfm-schema plans from the current state of `d` to the state of `desired`. */
async function planned(d: TestDatabase, desired: TestDatabase): Promise<string> {
  const p = plan(await introspect(d.db, scope), await introspect(desired.db, scope));
  const dir = mkdtempSync(join(tmpdir(), 'sfm-online-'));
  writeMigration(
    dir,
    'change',
    renderMigration(
      { from: p.fromHash, to: p.toHash, hazards: planHazards(p.steps), downHazards: planHazards(p.down) },
      p.steps,
      p.down,
    ),
  );
  return dir;
}

/** Applied migrations; 0 also when a failed first run took away the history schema it had created. */
const historyCount = async (d: TestDatabase) => {
  const [t] = await d.db.query<{ t: string | null }>(`SELECT to_regclass('sfm_schema.history')::text AS t`);
  return t?.t ? Number((await d.db.query<{ n: string }>(`SELECT count(*) AS n FROM sfm_schema.history`))[0]?.n) : 0;
};

describe('zero-downtime apply', () => {
  it('a concurrent index build that fails part-way is rebuilt by the next run', async () => {
    const d = await database(
      `CREATE TABLE t (id int PRIMARY KEY, code text); INSERT INTO t VALUES (1, 'a'), (2, 'a'), (3, 'b');`,
    );
    const desired = await database(
      `CREATE TABLE t (id int PRIMARY KEY, code text, note text); CREATE UNIQUE INDEX t_code ON t (code);`,
    );
    const dir = await planned(d, desired);

    const err = await apply(d.db, { migrationsDir: dir, allowHazards: 'all' }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/statement \d+ failed: could not create unique index "t_code"/);
    // PostgreSQL leaves the failed concurrent build behind as an invalid index; the column step before it is kept.
    expect(await d.db.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.t_code'::regclass`)).toEqual([
      { indisvalid: false },
    ]);
    expect(await historyCount(d)).toBe(0);
    expect((await status(d.db, dir)).map((r) => r.state)).toEqual(['partial']);

    await d.db.exec(`DELETE FROM t WHERE id = 2`);
    const events: RunEvent[] = [];
    await apply(d.db, { migrationsDir: dir, allowHazards: 'all', run: { onEvent: (e) => events.push(e) } });
    expect(events).toContainEqual({ type: 'invalid-index', index: '"public"."t_code"', action: 'rebuilt' });
    expect(await d.db.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.t_code'::regclass`)).toEqual([
      { indisvalid: true },
    ]);
    expect(await historyCount(d)).toBe(1);
    expect(await fingerprint(d.db)).toEqual(await fingerprint(desired.db));
  });

  it('waits at most lock_timeout, retries, and succeeds once the lock is released', async () => {
    const d = await database(`CREATE TABLE t (id int PRIMARY KEY);`);
    const desired = await database(`CREATE TABLE t (id int PRIMARY KEY, x int);`);
    const dir = await planned(d, desired);
    const holder = await connect(d.url);
    await holder.exec(`BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE`);
    setTimeout(() => void holder.exec('COMMIT'), 700);
    const events: RunEvent[] = [];
    const started = Date.now();
    await apply(d.db, {
      migrationsDir: dir,
      allowHazards: 'all',
      run: { lockTimeout: '200ms', lockRetries: 5, retryDelayMs: 100, onEvent: (e) => events.push(e) },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(events.filter((e) => e.type === 'retry').length).toBeGreaterThanOrEqual(1);
    expect(await historyCount(d)).toBe(1);
    expect(await fingerprint(d.db)).toEqual(await fingerprint(desired.db));
    await holder.close();
  });

  it('gives up after the retries and leaves database and history unchanged', async () => {
    const d = await database(`CREATE TABLE t (id int PRIMARY KEY);`);
    const desired = await database(`CREATE TABLE t (id int PRIMARY KEY, x int); CREATE TABLE u (id int);`);
    const dir = await planned(d, desired);
    const before = await fingerprint(d.db);
    const holder = await connect(d.url);
    await holder.exec(`BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE`);
    const events: RunEvent[] = [];
    const started = Date.now();
    const err = await apply(d.db, {
      migrationsDir: dir,
      allowHazards: 'all',
      run: { lockTimeout: '150ms', lockRetries: 2, retryDelayMs: 50, onEvent: (e) => events.push(e) },
    }).catch((e: Error) => e);
    const elapsed = Date.now() - started;
    await holder.exec('ROLLBACK');
    await holder.close();
    expect((err as Error).message).toMatch(/lock timeout[\s\S]*gave up after 3 attempts \(lock_timeout 150ms\)/);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.delayMs)).toEqual([50, 100]);
    // Three waits of lock_timeout and two pauses; far less than an unbounded wait.
    expect(elapsed).toBeGreaterThanOrEqual(3 * 150 + 150);
    expect(elapsed).toBeLessThan(5000);
    expect(await historyCount(d)).toBe(0);
    expect(await fingerprint(d.db)).toEqual(before);
  });

  it('--dry-run shows transaction boundaries, timeouts and the steps run outside a transaction', async () => {
    const d = await database(`CREATE TABLE t (id int PRIMARY KEY, a int);`);
    const desired = await database(
      `CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 0), b int); CREATE INDEX t_a ON t (a);`,
    );
    const dir = await planned(d, desired);
    const [m] = await apply(d.db, {
      migrationsDir: dir,
      allowHazards: 'all',
      dryRun: true,
      run: { statementTimeout: '1min' },
    });
    const script = m?.sql ?? '';
    expect(script).toMatch(/^BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '1min';\n/);
    expect(script).toContain('-- outside a transaction');
    expect(script).toMatch(
      /SET lock_timeout = '5s';\nSET statement_timeout = '1min';\nSET check_function_bodies = off;\nCREATE INDEX CONCURRENTLY t_a ON public\.t USING btree \(a\);/,
    );
    expect(script).toMatch(/VALIDATE CONSTRAINT "t_a_check";/);
    expect(script.trimEnd()).toMatch(/INSERT INTO sfm_schema\.history [^\n]*\nCOMMIT;$/);
    expect(await d.db.query(`SELECT to_regclass('sfm_schema.history') AS t`)).toEqual([{ t: null }]);
  });
});
