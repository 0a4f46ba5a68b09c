// Concurrent deploys: eight apply processes on one database with five pending migrations. Every migration runs
// exactly once; each process exits 0 (it waited, then found nothing left) or says that another run holds the lock.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/apply/history.js';
import { createMigration, rehashMigrations } from '../../src/index.js';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

/** Five hand-written migrations, each logging its own run and sleeping to widen any race. */
function fiveMigrations(): string {
  const dir = project({ 'schema/.keep.sql': '' });
  const migrations = join(dir, 'generated-migrations');
  for (let i = 1; i <= 5; i++) createMigration({ migrationsDir: migrations, name: `step ${i}` });
  readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .forEach((f, i) => {
      const n = i + 1;
      const first =
        n === 1 ? 'CREATE TABLE run_log (n int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());\n' : '';
      writeFileSync(
        join(migrations, f),
        `-- +sfm up\n${first}CREATE TABLE t${n} (id int);\nINSERT INTO run_log (n) VALUES (${n});\nSELECT pg_sleep(0.2);\n-- +sfm down\nDROP TABLE t${n};\n${n === 1 ? 'DROP TABLE run_log;\n' : ''}`,
      );
    });
  rehashMigrations({ migrationsDir: migrations });
  return dir;
}

describe('concurrent apply', () => {
  it('eight processes, five migrations: each applied exactly once', async () => {
    const target = await database();
    const dir = fiveMigrations();
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        runCli(['apply', '--url', target.url, '--lock-wait', '60s', '--json'], { cwd: dir }),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const appliedBy = runs.map((r) => (JSON.parse(r.stdout) as { applied: unknown[] }).applied.length);
    expect(appliedBy.reduce((a, b) => a + b, 0)).toBe(5);
    expect(await target.db.query('SELECT n, count(*)::int AS c FROM run_log GROUP BY n ORDER BY n')).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ n, c: 1 })),
    );
    const history = await target.db.query<{ version: string }>('SELECT version FROM sfm_schema.history');
    expect(new Set(history.map((h) => h.version)).size).toBe(5);
    expect(history).toHaveLength(5);
  });

  it('a run that cannot get the lock in time says who holds it and changes nothing', async () => {
    const target = await database();
    const dir = fiveMigrations();
    const other = await (await import('../../src/db/queryable.js')).connect(target.url);
    let release: () => void = () => {};
    const held = withLock(
      other,
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    try {
      const r = await runCli(['apply', '--url', target.url, '--lock-wait', '500ms'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /another sfm-schema run holds the migration lock on this database \(held by backend pid \d+/,
      );
      expect(await target.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'sfm_schema'`)).toEqual([]);
    } finally {
      release();
      await held;
      await other.close();
    }
    const after = await runCli(['apply', '--url', target.url, '--lock-wait', '5s'], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
  });
});
