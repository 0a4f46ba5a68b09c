// An index that a cut-off concurrent build left INVALID on the target is rebuilt in place, online (REINDEX INDEX
// CONCURRENTLY keeps its name and holds SHARE UPDATE EXCLUSIVE, not the ACCESS EXCLUSIVE of a drop and create), the
// proof passes although the dev database builds the index whole, and the rollback leaves the rebuilt index.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, planMigration, rollback } from '../../src/index.js';
import { useDatabases } from '../support/db.js';

const database = useDatabases();

const validity = async (db: { query<R extends object>(sql: string): Promise<R[]> }) =>
  db.query<{ name: string; valid: boolean }>(
    `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'public.t'::regclass ORDER BY 1`,
  );

describe('an INVALID index on the target', () => {
  it('is rebuilt with REINDEX INDEX CONCURRENTLY, proven, applied, re-planned empty, and kept on rollback', async () => {
    const d = await database(`CREATE TABLE t (id int PRIMARY KEY, n int);
      INSERT INTO t SELECT g, g % 3 FROM generate_series(1, 300) g;`);
    // The build fails on the repeated values and leaves the index behind, INVALID; then the values are made unique.
    await expect(d.db.exec('CREATE UNIQUE INDEX CONCURRENTLY t_n ON t (n)')).rejects.toThrow(/could not create/);
    await d.db.exec('UPDATE t SET n = id');
    expect(await validity(d.db)).toEqual([
      { name: 't_n', valid: false },
      { name: 't_pkey', valid: true },
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'sfm-reindex-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(
      join(dir, 'schema', 't.sql'),
      'CREATE TABLE t (id int PRIMARY KEY, n int); CREATE UNIQUE INDEX t_n ON t (n);',
    );
    const migrationsDir = join(dir, 'migrations');
    const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir, url: d.url });
    expect(p.steps.map((s) => s.statements)).toEqual([['REINDEX INDEX CONCURRENTLY "public"."t_n"']]);
    expect(p.steps[0]?.nonTransactional).toBe(true);
    expect(p.down).toEqual([]);
    // The proof ran on a server database (a second session watched the rebuild's locks).
    expect(p.steps[0]?.locks).toContain('ShareUpdateExclusiveLock on public.t');
    const file = readFileSync(join(migrationsDir, readdirSync(migrationsDir)[0] as string), 'utf8');
    expect(file).toContain('-- +sfm no-transaction\nREINDEX INDEX CONCURRENTLY "public"."t_n";');

    await applyMigrations({ url: d.url, migrationsDir, allowHazards: 'all' });
    expect(await validity(d.db)).toEqual([
      { name: 't_n', valid: true },
      { name: 't_pkey', valid: true },
    ]);
    await expect(d.db.exec('INSERT INTO t VALUES (1000, 1)')).rejects.toThrow(/duplicate key/);
    await d.db.exec('INSERT INTO t VALUES (1000, 1000)');
    const again = await planMigration({ schema: join(dir, 'schema'), migrationsDir, url: d.url, write: false });
    expect(again.steps).toEqual([]);

    await rollback({ url: d.url, steps: 1, allowHazards: 'all' });
    expect(await validity(d.db)).toEqual([
      { name: 't_n', valid: true },
      { name: 't_pkey', valid: true },
    ]);
    await d.db.exec('INSERT INTO t VALUES (1001, 1001)');
  });
});
