// apply/rollback on a real server: atomic migrations, history rows, integrity checks, the advisory lock.
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, rollback, status } from '../../src/apply/apply.js';
import { writeMigration } from '../../src/migrations/directory.js';
import { connect } from '../../src/db/queryable.js';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';

const database = useDatabases();

const migration = (up: string, down: string, hazards = 'none') =>
  `-- sfm-schema migration\n-- hazards: ${hazards}\n-- down-hazards: none\n-- +sfm up\n${up}\n-- +sfm down\n${down}\n`;

async function historyOf(d: TestDatabase) {
  return d.db.query<{ version: string; name: string }>(`SELECT version, name FROM sfm_schema.history ORDER BY version`);
}

describe('apply', () => {
  it('a migration whose third statement fails leaves the database and the history as they were', async () => {
    const d = await database();
    const dir = mkdtempSync(join(tmpdir(), 'sfm-apply-'));
    writeMigration(dir, 'good', migration('CREATE TABLE a (id int);', 'DROP TABLE a;'), new Date(Date.UTC(2026, 0, 1)));
    await apply(d.db, { migrationsDir: dir, allowHazards: 'all' });
    const before = await fingerprint(d.db);
    const historyBefore = await historyOf(d);

    const bad = writeMigration(
      dir,
      'bad',
      migration(
        'CREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE nope ADD COLUMN y int;\nCREATE TABLE c (id int);',
        'DROP TABLE c;\nDROP TABLE b;',
      ),
      new Date(Date.UTC(2026, 0, 2)),
    );
    writeMigration(
      dir,
      'later',
      migration('CREATE TABLE later (id int);', 'DROP TABLE later;'),
      new Date(Date.UTC(2026, 0, 3)),
    );

    const err = await apply(d.db, { migrationsDir: dir, allowHazards: 'all' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(`${bad.path}:7:1: statement 3 failed: relation "nope" does not exist`);
    expect(await fingerprint(d.db)).toEqual(before);
    expect(await historyOf(d)).toEqual(historyBefore);
  });

  it('records history and rolls back newest first, by steps and to a version', async () => {
    const d = await database();
    const dir = mkdtempSync(join(tmpdir(), 'sfm-apply-'));
    const m1 = writeMigration(
      dir,
      'one',
      migration('CREATE TABLE one (id int);', 'DROP TABLE one;'),
      new Date(Date.UTC(2026, 0, 1)),
    );
    writeMigration(
      dir,
      'two',
      migration('CREATE TABLE two (id int REFERENCES one (id));', 'DROP TABLE two;'),
      new Date(Date.UTC(2026, 0, 2)),
    );
    writeMigration(
      dir,
      'three',
      migration('ALTER TABLE one ADD PRIMARY KEY (id);', 'ALTER TABLE one DROP CONSTRAINT one_pkey;'),
      new Date(Date.UTC(2026, 0, 2, 1)),
    );
    // "two" needs the primary key of "three": applying in version order fails at two and stops.
    const failed = await apply(d.db, { migrationsDir: dir, allowHazards: 'all' }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    expect((await historyOf(d)).map((h) => h.name)).toEqual(['one']);
    expect((await status(d.db, dir)).map((r) => r.state)).toEqual(['applied', 'pending', 'pending']);

    const dir2 = mkdtempSync(join(tmpdir(), 'sfm-apply-'));
    writeMigration(
      dir2,
      'one',
      migration('CREATE TABLE one (id int PRIMARY KEY);', 'DROP TABLE one;'),
      new Date(Date.UTC(2026, 0, 1)),
    );
    writeMigration(
      dir2,
      'two',
      migration('CREATE TABLE two (id int REFERENCES one (id));', 'DROP TABLE two;'),
      new Date(Date.UTC(2026, 0, 2)),
    );
    writeMigration(
      dir2,
      'three',
      migration('CREATE TABLE three (id int);', 'DROP TABLE three;'),
      new Date(Date.UTC(2026, 0, 3)),
    );
    const fresh = await database();
    const done = await apply(fresh.db, { migrationsDir: dir2, allowHazards: 'all' });
    expect(done.map((m) => m.name)).toEqual(['one', 'two', 'three']);
    const rows = await fresh.db.query<{ applied_by: string; duration_ms: number; checksum: string }>(
      `SELECT * FROM sfm_schema.history`,
    );
    expect(rows.every((r) => r.applied_by === 'postgres' && r.duration_ms >= 0 && r.checksum.length === 64)).toBe(true);

    const back1 = await rollback(fresh.db, { steps: 1, allowHazards: 'all' });
    expect(back1.map((m) => m.name)).toEqual(['three']);
    const back2 = await rollback(fresh.db, { to: m1.version, allowHazards: 'all' });
    expect(back2.map((m) => m.name)).toEqual(['two']);
    const tables = await fresh.db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.tablename)).toEqual(['one']);
  });

  it('refuses an applied migration that was edited afterwards, naming the file', async () => {
    const d = await database();
    const dir = mkdtempSync(join(tmpdir(), 'sfm-apply-'));
    const m = writeMigration(dir, 'one', migration('CREATE TABLE one (id int);', 'DROP TABLE one;'));
    await apply(d.db, { migrationsDir: dir, allowHazards: 'all' });
    writeFileSync(m.path, readFileSync(m.path, 'utf8').replace('one (id int)', 'one (id bigint)'));
    await expect(apply(d.db, { migrationsDir: dir, allowHazards: 'all' })).rejects.toThrow(
      `migration ${m.file} was edited after it was written`,
    );
    expect((await status(d.db, dir))[0]?.state).toBe('mismatch');
  });

  it('waits for the advisory lock held by another run', async () => {
    const d = await database();
    const dir = mkdtempSync(join(tmpdir(), 'sfm-apply-'));
    writeMigration(dir, 'one', migration('CREATE TABLE one (id int);', 'DROP TABLE one;'));
    const other = await connect(d.url);
    await other.query(`SELECT pg_advisory_lock(7308135930498261077)`);
    let finished = false;
    const run = apply(d.db, { migrationsDir: dir, allowHazards: 'all' }).then((r) => {
      finished = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toBe(false);
    await other.query(`SELECT pg_advisory_unlock(7308135930498261077)`);
    expect((await run).map((m) => m.name)).toEqual(['one']);
    await other.close();
  });
});
