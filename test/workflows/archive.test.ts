// drops: archive end to end through the workflows: a dropped table and a dropped column are kept in the migration's
// archive schema, status lists the archive with its size, rollback brings the rows back, purge removes archives.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, planMigration, purge, rollback, status } from '../../src/index.js';
import { readEvents } from '../../src/apply/history.js';
import { useDatabases } from '../support/db.js';
import { runCli } from '../support/cli.js';

const database = useDatabases();

const BEFORE = `CREATE TABLE node (id int PRIMARY KEY, name text NOT NULL, note text);
CREATE TABLE old_log (id int PRIMARY KEY, msg text);
INSERT INTO node VALUES (1, 'a', 'first'), (2, 'b', NULL);
INSERT INTO old_log SELECT g, repeat('x', 100) FROM generate_series(1, 500) g;`;

async function archivedProject(url: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-archive-'));
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'schema', 's.sql'), 'CREATE TABLE node (id int PRIMARY KEY, name text NOT NULL);');
  const migrations = join(dir, 'migrations');
  const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, url });
  return { dir, migrations, plan: p };
}

describe('drops: archive', () => {
  it('keeps a dropped table and column in the migration archive, lists it, rolls back with the rows, purges', async () => {
    const d = await database(BEFORE);
    const { migrations, plan } = await archivedProject(d.url);
    const version = plan.migration?.version ?? '';
    expect(plan.hazards).not.toContain('DELETES_DATA');
    expect(plan.steps[0]?.statements).toEqual([`CREATE SCHEMA IF NOT EXISTS "sfm_archive_${version}"`]);
    await applyMigrations({ url: d.url, migrationsDir: migrations });
    const s = await status({ url: d.url, migrationsDir: migrations });
    expect(s.ok, JSON.stringify(s.drift)).toBe(true);
    expect(s.archives).toHaveLength(1);
    expect(s.archives[0]).toMatchObject({ schema: `sfm_archive_${version}`, version, tables: 2 });
    expect(s.archives[0]?.bytes).toBeGreaterThan(50_000);
    expect(await d.db.query(`SELECT count(*)::int AS n FROM "sfm_archive_${version}".old_log`)).toEqual([{ n: 500 }]);

    const cli = await runCli(['status', '--url', d.url, '--migrations', migrations]);
    expect(cli.stdout).toMatch(new RegExp(`sfm_archive_${version}  2 table\\(s\\)  \\d+\\.\\d kB`));

    await rollback({ url: d.url, steps: 1 });
    expect(await d.db.query('SELECT id, name, note FROM node ORDER BY id')).toEqual([
      { id: 1, name: 'a', note: 'first' },
      { id: 2, name: 'b', note: null },
    ]);
    expect(await d.db.query('SELECT count(*)::int AS n FROM old_log')).toEqual([{ n: 500 }]);
    expect((await status({ url: d.url, migrationsDir: migrations })).archives).toEqual([]);

    await applyMigrations({ url: d.url, migrationsDir: migrations });
    expect((await purge({ url: d.url })).purged, 'younger than 30 days: kept').toEqual([]);
    const dry = await purge({ url: d.url, olderThanMs: 0, dryRun: true });
    expect(dry.purged.map((a) => a.schema)).toEqual([`sfm_archive_${version}`]);
    expect((await status({ url: d.url, migrationsDir: migrations })).archives).toHaveLength(1);
    const done = await purge({ url: d.url, olderThanMs: 0 });
    expect(done.purged.map((a) => a.schema)).toEqual([`sfm_archive_${version}`]);
    expect((await status({ url: d.url, migrationsDir: migrations })).archives).toEqual([]);
    expect((await readEvents(d.db)).map((e) => e.action)).toContain('purge');

    // Without its archive the rollback cannot bring the rows back: it fails, and the database stays as it was.
    await expect(rollback({ url: d.url, steps: 1 })).rejects.toThrow(/sfm_archive_/);
    expect((await status({ url: d.url, migrationsDir: migrations })).migrations.map((m) => m.state)).toEqual([
      'applied',
    ]);
  });

  it('purge through the CLI: --older-than and --dry-run', async () => {
    const d = await database(BEFORE);
    const { migrations } = await archivedProject(d.url);
    await applyMigrations({ url: d.url, migrationsDir: migrations });
    const dry = await runCli(['purge', '--url', d.url, '--older-than', '0d', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would remove sfm_archive_\d{14}  2 table\(s\)/);
    const bad = await runCli(['purge', '--url', d.url, '--older-than', 'soon']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--older-than must be an age such as 30d/);
    const real = await runCli(['purge', '--url', d.url, '--older-than', '0d']);
    expect(real.stdout).toMatch(/removed sfm_archive_\d{14}/);
  });

  it('drops: delete drops as before', async () => {
    const d = await database(BEFORE);
    const dir = mkdtempSync(join(tmpdir(), 'sfm-archive-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 's.sql'), 'CREATE TABLE node (id int PRIMARY KEY, name text NOT NULL);');
    const p = await planMigration({
      schema: join(dir, 'schema'),
      migrationsDir: join(dir, 'm'),
      url: d.url,
      drops: 'delete',
    });
    expect(p.hazards).toContain('DELETES_DATA');
    expect(p.steps.flatMap((s) => s.statements)).toContain('DROP TABLE "public"."old_log"');
  });
});
