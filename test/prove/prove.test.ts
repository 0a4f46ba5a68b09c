// The proof of a plan (issue 12, item 1), driven through provePlan and planMigration on a real server.
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planMigration, PlanError } from '../../src/index.js';
import { openDevDatabase } from '../../src/dev-db/dev-db.js';
import type { DevDatabase } from '../../src/dev-db/types.js';
import { introspect } from '../../src/introspect/introspect.js';
import { plan } from '../../src/plan/plan.js';
import { provePlan, readFuture } from '../../src/prove/prove.js';
import { readTables } from '../../src/prove/catalog.js';
import { fillTables } from '../../src/prove/sample-rows.js';
import { serverUrl, useDatabases } from '../support/db.js';
import { runCli } from '../support/cli.js';

const database = useDatabases();
const scope = { excludeSchemas: [] };

describe('the proof', () => {
  let dev: DevDatabase;
  beforeAll(async () => { dev = await openDevDatabase({ targetUrl: serverUrl(), extensions: [] }); });
  afterAll(async () => dev?.dispose());

  async function states(before: string, after: string) {
    const a = await database(before);
    const b = await database(after);
    return { a, current: await introspect(a.db, scope), desired: await introspect(b.db, scope), future: await readFuture(b.db, scope) };
  }

  it('adds a rewrite the step did not declare to its hazards', async () => {
    const s = await states('CREATE TABLE t (id int PRIMARY KEY, n int);', 'CREATE TABLE t (id int PRIMARY KEY, n bigint);');
    const p = plan(s.current, s.desired);
    const undeclared = { ...p, steps: p.steps.map((x) => ({ ...x, hazards: x.hazards.filter((h) => h !== 'TABLE_REWRITE') })) };
    const r = await provePlan({ dev, scope, current: s.current, desired: s.desired, plan: undeclared, future: s.future, renames: [], build: { type: 'model' } });
    expect(r.observed).toContainEqual({ direction: 'up', step: 1, hazard: 'TABLE_REWRITE', table: 'public.t' });
    expect(r.steps[0]?.hazards).toContain('TABLE_REWRITE');
    expect(r.sampling.filled).toEqual(['public.t']);
  });

  it('stops at a step PostgreSQL refuses, naming the step, its SQL and the error', async () => {
    const s = await states('CREATE TABLE t (id int);', 'CREATE TABLE t (id int, note text);');
    const p = plan(s.current, s.desired);
    const broken = { ...p, steps: [...p.steps, { ...p.steps[0]!, key: 'bad', statements: ['ALTER TABLE public.t ADD COLUMN note text'] }] };
    const err = await provePlan({ dev, scope, current: s.current, desired: s.desired, plan: broken, future: s.future, renames: [], build: { type: 'model' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanError);
    expect((err as Error).message).toMatch(/up step 2 \(alter table:public\.t\) failed: column "note" of relation "t" already exists\n\s+ALTER TABLE public\.t ADD COLUMN note text/);
  });

  it('fails when the down steps do not give the rows back', async () => {
    const s = await states('CREATE TABLE t (id int PRIMARY KEY, n int);', 'CREATE TABLE t (id int PRIMARY KEY, n int);\nCREATE TABLE u (id int);');
    const p = plan(s.current, s.desired);
    const lossy = { ...p, down: [...p.down, { ...p.down[0]!, key: 'wipe', statements: ['DELETE FROM public.t WHERE id = 2'] }] };
    const err = await provePlan({ dev, scope, current: s.current, desired: s.desired, plan: lossy, future: s.future, renames: [], build: { type: 'model' } }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/the down steps do not give the rows back:\n\s+public\.t: 3 row\(s\) before the up steps, 2 now/);
  });

  it('sees values lost through inheritance and declares DELETES_DATA on the step in the file', async () => {
    const d = await database('CREATE TABLE base (at timestamp DEFAULT now(), e int); CREATE TABLE a (a1 int) INHERITS (base);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-prove-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 's.sql'), 'CREATE TABLE base (at timestamp DEFAULT now()); CREATE TABLE a (a1 int, e int) INHERITS (base);');
    const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir: join(dir, 'm'), url: d.url });
    expect(p.proof?.observed).toContainEqual(expect.objectContaining({ direction: 'up', hazard: 'DELETES_DATA', table: 'public.a' }));
    expect(p.migration?.text).toMatch(/-- step \d+: alter table:public\.a \[[^\]]*DELETES_DATA/);
  });

  it('proves a step that refuses the sample rows again on empty tables, and marks it CORRECTNESS', async () => {
    const d = await database("CREATE TABLE t (id int PRIMARY KEY, code text);");
    const dir = mkdtempSync(join(tmpdir(), 'sfm-prove-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 's.sql'), "CREATE TABLE t (id int PRIMARY KEY, code text CHECK (code ~ '^[A-Z]+$'));");
    const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir: join(dir, 'm'), url: d.url });
    expect(p.proof?.refusedRows?.message).toMatch(/violated by some row/);
    expect(p.hazards).toContain('CORRECTNESS');
  });

  it('plan through the CLI: a cast-less change exits 1 with the step and the error, writing nothing', async () => {
    const d = await database('CREATE TABLE events (id int PRIMARY KEY, at bigint NOT NULL);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-prove-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 'events.sql'), 'CREATE TABLE events (id int PRIMARY KEY, at timestamp NOT NULL);');
    const r = await runCli(['plan', '--url', d.url, '--schema', join(dir, 'schema'), '--migrations', join(dir, 'm')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/up step \d+ \(alter table:public\.events\) would fail: column public\.events\.at changes from bigint to timestamp without time zone/);
    expect(r.stderr).toContain('cannot cast type bigint to timestamp without time zone');
    expect(r.stderr).toContain('ALTER TABLE "public"."events" ALTER COLUMN "at" TYPE timestamp without time zone');
    expect(existsSync(join(dir, 'm')) ? readdirSync(join(dir, 'm')) : []).toEqual([]);

    writeFileSync(join(dir, 'schema', 'events.sql'), 'CREATE TABLE events (id int PRIMARY KEY, at bigint NOT NULL, note text);');
    const ok = await runCli(['plan', '--url', d.url, '--schema', join(dir, 'schema'), '--migrations', join(dir, 'm')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Proven on the dev database in \d+ ms: up, catalog, rows kept, down, rows back \(1 table\(s\) with sample rows\)/);
    const off = await runCli(['plan', '--url', d.url, '--schema', join(dir, 'schema'), '--migrations', join(dir, 'm2'), '--no-prove']);
    expect(off.stdout).toContain('Not proven (--no-prove).');
  });
});

describe('sample rows', () => {
  it('fill tables of many types in foreign-key order, and name the ones they cannot fill', async () => {
    const d = await database(`CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN pos AS int CHECK (VALUE > 0);
CREATE TABLE z_parent (id uuid PRIMARY KEY, doc jsonb NOT NULL, tags text[] NOT NULL, m mood NOT NULL, p pos NOT NULL, at timestamptz NOT NULL,
  d date NOT NULL, flag boolean NOT NULL, amount numeric(8,2) NOT NULL, code varchar(3) NOT NULL UNIQUE, ip inet, raw bytea);
CREATE TABLE a_child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, parent uuid NOT NULL REFERENCES z_parent, self bigint REFERENCES a_child);
CREATE TABLE picky (n int NOT NULL CHECK (n > 100));`);
    const r = await fillTables(d.db, await readTables(d.db, scope));
    expect([...r.filled].sort()).toEqual(['public.a_child', 'public.z_parent']);
    expect(r.skipped).toEqual([{ table: 'public.picky', reason: expect.stringMatching(/violates check constraint/) }]);
    expect(await d.db.query('SELECT count(DISTINCT parent)::int AS n FROM a_child')).toEqual([{ n: 3 }]);
    expect(await d.db.query('SELECT count(*)::int AS n FROM z_parent')).toEqual([{ n: 3 }]);
  });
});
