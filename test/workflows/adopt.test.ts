// Adopting databases that already exist: baseline, apply --baseline elsewhere, resolve by hand, and the states that
// are not drift (never managed, nothing pending).
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, baseline, planMigration, resolve, rollback, status, verify } from '../../src/index.js';
import { createMigration, rehashMigrations } from '../../src/workflows/files.js';
import { fingerprint } from '../support/fingerprint.js';
import { readEvents } from '../../src/apply/history.js';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

const HAND_MADE = `CREATE TABLE node_kind (id int PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE node (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind int NOT NULL REFERENCES node_kind, name text NOT NULL);
CREATE INDEX node_name ON node (lower(name));
INSERT INTO node_kind VALUES (1, 'institution'), (2, 'belief');
INSERT INTO node (kind, name) VALUES (1, 'Farmers'' union'), (2, 'Thrift');`;

const rows = async (d: TestDatabase) => (await d.db.query<{ n: number }>('SELECT count(*)::int AS n FROM node'))[0]?.n;

async function clean(url: string, migrationsDir: string): Promise<void> {
  const s = await status({ url, migrationsDir, dev: 'embedded' });
  expect(s.ok, JSON.stringify(s)).toBe(true);
  expect(s.drift ?? []).toEqual([]);
}

describe('adoption', () => {
  it('a baseline starts from what a new database holds: verify passes, and rollback to 0 gives back an empty database', async () => {
    const d = await database(HAND_MADE);
    const empty = await database();
    const migrations = join(mkdtempSync(join(tmpdir(), 'sfm-adopt-')), 'migrations');
    await baseline({ url: d.url, migrationsDir: migrations });
    const v = await verify({ migrationsDir: migrations, url: d.url });
    expect(v.migrations.map((m) => m.problems)).toEqual([[]]);
    await rollback({ url: d.url, to: '0', allowHazards: 'all' });
    // The history schema sfm-schema made is its own; everything else is as on a database just created.
    expect(await fingerprint(d.db, ['sfm_schema'])).toEqual(await fingerprint(empty.db, ['sfm_schema']));
  });

  it('a baseline of the SFM schema verifies: up, down back to a new database, up again', async () => {
    const d = await database();
    const repo = join(__dirname, '..', '..', 'generated-migrations');
    await applyMigrations({ url: d.url, migrationsDir: repo, allowHazards: 'all' });
    await d.db.exec('DROP SCHEMA sfm_schema CASCADE');
    const migrations = join(mkdtempSync(join(tmpdir(), 'sfm-adopt-')), 'migrations');
    const b = await baseline({ url: d.url, migrationsDir: migrations });
    expect(b.objects).toBeGreaterThan(40);
    const v = await verify({ migrationsDir: migrations, url: d.url });
    expect(v.migrations.map((m) => m.problems)).toEqual([[]]);
  });

  it('apply --baseline V records V and every migration before it, and runs only the later ones', async () => {
    const d = await database('CREATE TABLE a (id int); CREATE TABLE b (id int);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-adopt-'));
    const migrations = join(dir, 'migrations');
    // A hand-written migration A, then a generated B on top of it.
    const a = createMigration({ migrationsDir: migrations, name: 'a' });
    writeFileSync(
      a.path,
      readFileSync(a.path, 'utf8').replace('-- +sfm up\n', '-- +sfm up\nCREATE TABLE a (id int);\n'),
    );
    rehashMigrations({ migrationsDir: migrations });
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 's.sql'), 'CREATE TABLE a (id int); CREATE TABLE b (id int);');
    const b = await planMigration({
      schema: join(dir, 'schema'),
      migrationsDir: migrations,
      name: 'b',
      drops: 'delete',
    });
    // Before: not drift to list object by object, but an adoption to make, naming the migration that matches.
    const before = await status({ url: d.url, migrationsDir: migrations, dev: 'embedded' });
    expect(before.unadopted).toEqual({ tables: 2, baseline: b.migration?.version });
    expect(before.drift).toBeUndefined();
    expect(before.ok).toBe(false);
    const verbose = await status({ url: d.url, migrationsDir: migrations, dev: 'embedded', verbose: true });
    expect(verbose.drift?.length).toBeGreaterThan(0);
    const r = await applyMigrations({ url: d.url, migrationsDir: migrations, baseline: b.migration?.version });
    expect(r.applied).toEqual([]);
    const s = await status({ url: d.url, migrationsDir: migrations, dev: 'embedded' });
    expect(s.migrations.map((m) => [m.name, m.state])).toEqual([
      ['a', 'applied'],
      ['b', 'applied'],
    ]);
  });

  it('baseline a hand-made database, then plan, apply and roll back a change with the rows kept', async () => {
    const d = await database(HAND_MADE);
    const dir = mkdtempSync(join(tmpdir(), 'sfm-adopt-'));
    const migrations = join(dir, 'migrations');
    const b = await baseline({ url: d.url, migrationsDir: migrations });
    expect(b.objects).toBeGreaterThan(3);
    await clean(d.url, migrations);
    const [event] = await readEvents(d.db);
    expect(event).toMatchObject({ action: 'baseline', version: b.migration.version });

    mkdirSync(join(dir, 'schema'));
    writeFileSync(
      join(dir, 'schema', 's.sql'),
      HAND_MADE.split('\nINSERT')[0] + '\nALTER TABLE node ADD COLUMN note text;',
    );
    const p = await planMigration({
      schema: join(dir, 'schema'),
      migrationsDir: migrations,
      url: d.url,
      name: 'add note',
    });
    expect(p.steps.map((s) => s.statements).flat()).toEqual(['ALTER TABLE "public"."node" ADD COLUMN "note" text']);
    const applied = await applyMigrations({ url: d.url, migrationsDir: migrations });
    expect(applied.applied.map((m) => m.name)).toEqual(['add_note']);
    await clean(d.url, migrations);
    expect(await rows(d)).toBe(2);
    await rollback({ url: d.url, steps: 1, allowHazards: 'all' });
    await clean(d.url, migrations);
    expect(await rows(d)).toBe(2);
  });

  it('another database adopts the baseline when its schema is the same, and is refused with the differences when not', async () => {
    const first = await database(HAND_MADE);
    const twin = await database(HAND_MADE);
    const other = await database(`${HAND_MADE}\nALTER TABLE node ADD COLUMN extra int; DROP INDEX node_name;`);
    const migrations = join(mkdtempSync(join(tmpdir(), 'sfm-adopt-')), 'migrations');
    const b = await baseline({ url: first.url, migrationsDir: migrations });
    const adopted = await applyMigrations({
      url: twin.url,
      migrationsDir: migrations,
      baseline: b.migration.version,
      dev: 'embedded',
    });
    expect(adopted.adopted).toBe(b.migration.version);
    expect(adopted.applied).toEqual([]);
    await clean(twin.url, migrations);
    const err = await applyMigrations({
      url: other.url,
      migrationsDir: migrations,
      baseline: b.migration.version,
    }).catch((e: Error) => e);
    expect((err as Error).message).toContain(
      `--baseline ${b.migration.version} refused: the database is not the schema`,
    );
    expect((err as Error).message).toContain('table:public.node: differs from the baseline');
    expect((err as Error).message).toContain('index:public.node_name: in the baseline, not in the database');
    expect(await other.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'sfm_schema'`)).toEqual([]);
  });

  it('a database never managed is not drift: status says so (exit 0), and apply with nothing pending exits 0', async () => {
    const d = await database(HAND_MADE);
    const dir = project({ 'generated-migrations/.keep': '', 'schema/s.sql': HAND_MADE.split('\nINSERT')[0] as string });
    const s = await runCli(['status', '--url', d.url], { cwd: dir });
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('Not managed yet');
    expect(s.stdout).toContain('sfm-schema baseline');
    const plan = await runCli(['plan', '--url', d.url, '--exit-code'], { cwd: dir });
    expect(plan.stdout).toContain('No changes');
    const a = await runCli(['apply', '--url', d.url], { cwd: dir });
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Nothing to apply');
  });

  it('resolve marks a migration applied or rolled back by hand, with who, when and why', async () => {
    const d = await database('CREATE TABLE t (id int);');
    const dir = project({ 'schema/s.sql': 'CREATE TABLE t (id int); CREATE TABLE u (id int);' });
    expect((await runCli(['plan', '--url', d.url, '--name', 'add u'], { cwd: dir })).code).toBe(0);
    await d.db.exec('CREATE TABLE u (id int)'); // the change made by hand
    const migrations = join(dir, 'generated-migrations');
    const version = (await status({ url: d.url, migrationsDir: migrations, drift: false })).migrations[0]
      ?.version as string;
    await resolve({
      url: d.url,
      migrationsDir: migrations,
      applied: version,
      reason: 'made by hand during the incident',
    });
    await clean(d.url, migrations);
    const noReason = await runCli(['resolve', '--url', d.url, '--rolled-back', version], { cwd: dir });
    expect(noReason.code).toBe(1);
    const back = await runCli(['resolve', '--url', d.url, '--rolled-back', version, '--reason', 'undone by hand'], {
      cwd: dir,
    });
    expect(back.code, back.stderr).toBe(0);
    const events = await readEvents(d.db);
    expect(events.map((e) => [e.action, e.version, e.reason])).toEqual([
      ['resolve --applied', version, 'made by hand during the incident'],
      ['resolve --rolled-back', version, 'undone by hand'],
    ]);
    expect(events[0]?.by).toBeTruthy();
  });
});

describe('squash', () => {
  it('five migrations become one: a database that applied them sees nothing pending and no drift; a fresh one reaches the same state', async () => {
    const dir = project({ 'schema/s.sql': 'CREATE TABLE t1 (id int PRIMARY KEY);' });
    const migrations = join(dir, 'generated-migrations');
    const steps = [
      'CREATE TABLE t1 (id int PRIMARY KEY);',
      'ALTER TABLE t1 ADD COLUMN name text;',
      'CREATE TABLE t2 (id int PRIMARY KEY, t1 int REFERENCES t1);',
      "CREATE TYPE mood AS ENUM ('ok'); CREATE VIEW v AS SELECT id FROM t2;",
      'CREATE INDEX t2_t1 ON t2 (t1);',
    ];
    let schema = '';
    const old = await database();
    for (const [i, s] of steps.entries()) {
      schema += `${s}\n`;
      writeFileSync(join(dir, 'schema', 's.sql'), schema);
      await planMigration({
        schema: join(dir, 'schema'),
        migrationsDir: migrations,
        dev: 'embedded',
        name: `step ${i + 1}`,
      });
    }
    await applyMigrations({ url: old.url, migrationsDir: migrations, allowHazards: 'all' });
    await old.db.exec("INSERT INTO t1 VALUES (1, 'kept')");
    const versions = (await status({ url: old.url, migrationsDir: migrations, drift: false })).migrations.map(
      (m) => m.version,
    );
    const r = await runCli(['squash', '--to', versions[4] as string, '--dev-url', 'embedded', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { squashed: string[]; toHash: string; previousToHash: string };
    expect(out.squashed).toEqual(versions);
    expect(out.toHash).toBe(out.previousToHash);
    const after = await status({ url: old.url, migrationsDir: migrations, dev: 'embedded' });
    expect(after.migrations.map((m) => [m.version, m.state])).toEqual([[versions[4], 'applied']]);
    expect(after.drift).toEqual([]);
    expect((await applyMigrations({ url: old.url, migrationsDir: migrations })).applied).toEqual([]);
    expect(await old.db.query('SELECT name FROM t1')).toEqual([{ name: 'kept' }]);

    const fresh = await database();
    expect(
      (await applyMigrations({ url: fresh.url, migrationsDir: migrations, allowHazards: 'all' })).applied,
    ).toHaveLength(1);
    const { fingerprint } = await import('../support/fingerprint.js');
    expect(await fingerprint(fresh.db)).toEqual(await fingerprint(old.db));

    // A database that applied only some of the squashed migrations is told what to do.
    const partial = await database();
    await partial.db.exec(`CREATE SCHEMA sfm_schema`);
    await partial.db.exec(
      `CREATE TABLE sfm_schema.history (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, up_sql text NOT NULL, down_sql text NOT NULL, down_hazards text NOT NULL DEFAULT '', to_hash text, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user, duration_ms integer NOT NULL)`,
    );
    await partial.db.query(
      `INSERT INTO sfm_schema.history (version, name, checksum, up_sql, down_sql, duration_ms) VALUES ($1, 'step_1', 'x', '', '', 0)`,
      [versions[0]],
    );
    const err = await applyMigrations({ url: partial.url, migrationsDir: migrations, allowDrift: true }).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toContain('squashes 5 migrations, of which this database applied 1');
  });
});
