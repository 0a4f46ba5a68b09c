// The proof of a plan (issue 12, item 1), driven through provePlan and planMigration on a real server.
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planMigration, PlanError } from '../../src/index.js';
import { openDevDatabase } from '../../src/dev-db/dev-db.js';
import type { DevDatabase } from '../../src/dev-db/types.js';
import { introspect } from '../../src/introspect/introspect.js';
import { plan, type Plan, type PlanStep } from '../../src/plan/plan.js';
import { provePlan, readFuture, type ProveInput } from '../../src/rehearse/prove.js';
import { readTables } from '../../src/rehearse/catalog.js';
import { readFacts } from '../../src/rehearse/facts.js';
import { fillTables } from '../../src/rehearse/sample-rows.js';
import { serverUrl, useDatabases } from '../support/db.js';
import { runCli } from '../support/cli.js';

const database = useDatabases();
const scope = { excludeSchemas: [] };

describe('the proof', () => {
  let dev: DevDatabase;
  beforeAll(async () => {
    dev = await openDevDatabase({ targetUrl: serverUrl(), extensions: [] });
  });
  afterAll(async () => dev?.dispose());

  type States = Awaited<ReturnType<typeof states>>;
  /** The proof of `p` from the states' current model, built on the dev database from that model. */
  const prove = (s: States, p: Plan, extra: Partial<ProveInput> = {}) =>
    provePlan({
      dev,
      scope,
      current: s.current,
      desired: s.desired,
      plan: p,
      future: s.future,
      renames: [],
      build: { type: 'model' },
      ...extra,
    });

  async function states(before: string, after: string) {
    const a = await database(before);
    const b = await database(after);
    return {
      a,
      current: await introspect(a.db, scope),
      desired: await introspect(b.db, scope),
      future: await readFuture(b.db, scope),
    };
  }

  it('adds a rewrite the step did not declare to its hazards', async () => {
    const s = await states(
      'CREATE TABLE t (id int PRIMARY KEY, n int);',
      'CREATE TABLE t (id int PRIMARY KEY, n bigint);',
    );
    const p = plan(s.current, s.desired);
    const undeclared = {
      ...p,
      steps: p.steps.map((x) => ({ ...x, hazards: x.hazards.filter((h) => h !== 'TABLE_REWRITE') })),
    };
    const r = await prove(s, undeclared);
    expect(r.observed).toContainEqual({ direction: 'up', step: 1, hazard: 'TABLE_REWRITE', table: 'public.t' });
    expect(r.steps[0]?.hazards).toContain('TABLE_REWRITE');
    // Said as the proof's observation, beside what the planner declared.
    expect(r.steps[0]?.hazardDetails).toContainEqual({
      type: 'TABLE_REWRITE',
      reason: 'the proof saw public.t rewritten (its storage file changed)',
      source: 'observed',
    });
    expect(r.sampling.filled).toEqual(['public.t']);
  });

  it('records the locks each step takes: in its transaction, and from a second session while a concurrent build runs', async () => {
    const before = 'CREATE TABLE t (id int PRIMARY KEY, n int);';
    const after = 'CREATE TABLE t (id int PRIMARY KEY, n bigint); CREATE INDEX t_n ON t (n);';
    const s = await states(before, after);
    const p = plan(s.current, s.desired);
    const alter = p.steps.findIndex((x) => x.statements.some((q) => /ALTER COLUMN "n" TYPE/.test(q)));
    const build = p.steps.findIndex((x) => x.statements.some((q) => /CREATE INDEX CONCURRENTLY/.test(q)));
    const drop = p.down.findIndex((x) => x.statements.some((q) => /DROP INDEX CONCURRENTLY/.test(q)));
    expect(
      [alter, build, drop].every((n) => n >= 0),
      JSON.stringify(p.steps),
    ).toBe(true);
    const r = await prove(s, p);
    expect(r.steps[alter]?.locks).toContain('AccessExclusiveLock on public.t');
    // The build and the drop hold SHARE UPDATE EXCLUSIVE on the table, not ACCESS EXCLUSIVE: seen while they ran.
    expect(r.steps[build]?.locks).toContain('ShareUpdateExclusiveLock on public.t');
    expect(r.steps[build]?.locks?.join()).not.toContain('AccessExclusiveLock');
    expect(r.down[drop]?.locks).toContain('ShareUpdateExclusiveLock on public.t');
    expect(r.down[drop]?.locks?.join()).not.toContain('AccessExclusiveLock');

    // PGlite has one session: what runs outside a transaction is not watched, the rest is.
    const lite = await openDevDatabase({ devUrl: 'embedded', extensions: [] });
    try {
      const l = await prove(s, p, { dev: lite });
      expect(l.steps[alter]?.locks).toContain('AccessExclusiveLock on public.t');
      expect(l.steps[build]?.locks).toBeUndefined();
    } finally {
      await lite.dispose();
    }
  });

  it('stops at a step PostgreSQL refuses, naming the step, its SQL and the error', async () => {
    const s = await states('CREATE TABLE t (id int);', 'CREATE TABLE t (id int, note text);');
    const p = plan(s.current, s.desired);
    const broken = {
      ...p,
      steps: [...p.steps, { ...p.steps[0]!, key: 'bad', statements: ['ALTER TABLE public.t ADD COLUMN note text'] }],
    };
    const err = await prove(s, broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanError);
    expect((err as Error).message).toMatch(
      /up step 2 \(alter table:public\.t\) failed: column "note" of relation "t" already exists\n\s+ALTER TABLE public\.t ADD COLUMN note text/,
    );
  });

  // The plan of serial -> identity as the renderer wrote it before positions travelled with plans (issue 22): the
  // identity starts at 1 below the rows. Rows survive it, so only the proof's writes can see it.
  const withoutCarry = (steps: readonly PlanStep[]) =>
    steps.map((x) => ({ ...x, statements: x.statements.filter((q) => !q.includes('setval')) }));

  it('fails a plan after which the next insert collides with the rows, naming the step that broke it', async () => {
    const s = await states(
      'CREATE TABLE item (id serial PRIMARY KEY, name text);',
      'CREATE TABLE item (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text);',
    );
    const p = plan(s.current, s.desired);
    const run = (q: Plan) => prove(s, q);
    expect((await run(p)).sampling.filled).toEqual(['public.item']);
    const up = await run({ ...p, steps: withoutCarry(p.steps) }).catch((e: unknown) => e);
    expect(up).toBeInstanceOf(PlanError);
    expect((up as Error).message).toMatch(
      /after up step 2 \(alter table:public\.item\), the application can no longer write a new row:\n\s+public\.item: the next value of sequence "?public"?\."?item_id_seq1?"? is 1, not above the largest public\.item\.id \(3\)/,
    );
    expect((up as PlanError).details.step).toBe(2);
    const down = await run({ ...p, down: withoutCarry(p.down) }).catch((e: unknown) => e);
    expect((down as Error).message).toMatch(
      /after down step \d \(alter table:public\.item\), the application can no longer write a new row:\n\s+public\.item: .*item_id_seq.* is 1, not above the largest public\.item\.id \(3\)/,
    );
  });

  it('fails a plan that restarts a narrowed sequence below the rows (the renderer before issue 22)', async () => {
    const before =
      "CREATE SEQUENCE ids AS bigint; CREATE TABLE item (id bigint PRIMARY KEY DEFAULT nextval('ids'), name text);";
    const s = await states(before, before.replace('AS bigint', 'AS integer'));
    const p = plan(s.current, s.desired);
    const restart = (x: PlanStep) => ({
      ...x,
      statements: x.statements
        .filter((q) => !q.startsWith('DO'))
        .map((q) => q.replace(/ CYCLE$/, ' CYCLE RESTART WITH 1')),
    });
    const err = await prove(s, { ...p, steps: p.steps.map(restart) }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /after up step 1 \(alter sequence:public\.ids\), the application can no longer write a new row:\n\s+public\.item: the next value of sequence public\.ids is 1/,
    );
  });

  it('compares catalog facts beside the model: a reader that saw no difference does not make the proof pass', async () => {
    // The facts of the desired state come from a database whose table is UNLOGGED and whose column is another type,
    // while the model says what the plan reaches: as if the model's reader collapsed the two.
    const s = await states('CREATE TABLE t (id int PRIMARY KEY);', 'CREATE TABLE t (id int PRIMARY KEY, n int);');
    const other = await database('CREATE UNLOGGED TABLE t (id int PRIMARY KEY, n bigint);');
    const p = plan(s.current, s.desired);
    const err = await prove(s, p, { facts: await readFacts(other.db, scope) }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /after the up steps, the dev database is not the desired state, in what the catalog says beside the model:\n\s+relation public\.t: r p d, expected r u d\n\s+column public\.t\.n: integer generated= identity= collation=-, expected bigint/,
    );
    const same = await prove(s, p, {
      facts: await readFacts((await database('CREATE TABLE t (id int PRIMARY KEY, n int);')).db, scope),
    });
    expect(same.steps).toHaveLength(p.steps.length);
  });

  it('fails when the down steps do not give the rows back', async () => {
    const s = await states(
      'CREATE TABLE t (id int PRIMARY KEY, n int);',
      'CREATE TABLE t (id int PRIMARY KEY, n int);\nCREATE TABLE u (id int);',
    );
    const p = plan(s.current, s.desired);
    const lossy = {
      ...p,
      down: [...p.down, { ...p.down[0]!, key: 'wipe', statements: ['DELETE FROM public.t WHERE id = 2'] }],
    };
    const err = await prove(s, lossy).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /the down steps do not give the rows back:\n\s+public\.t: 3 row\(s\) before the up steps, 2 now/,
    );
  });

  it('sees values lost through inheritance and declares DELETES_DATA on the step in the file', async () => {
    const d = await database(
      'CREATE TABLE base (at timestamp DEFAULT now(), e int); CREATE TABLE a (a1 int) INHERITS (base);',
    );
    const dir = mkdtempSync(join(tmpdir(), 'sfm-prove-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(
      join(dir, 'schema', 's.sql'),
      'CREATE TABLE base (at timestamp DEFAULT now()); CREATE TABLE a (a1 int, e int) INHERITS (base);',
    );
    const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir: join(dir, 'm'), url: d.url });
    expect(p.proof?.observed).toContainEqual(
      expect.objectContaining({ direction: 'up', hazard: 'DELETES_DATA', table: 'public.a' }),
    );
    expect(p.migration?.text).toMatch(/-- step \d+: alter table:public\.a \[[^\]]*DELETES_DATA/);
  });

  it('proves a step that refuses the sample rows again on empty tables, and marks it CORRECTNESS', async () => {
    const d = await database('CREATE TABLE t (id int PRIMARY KEY, code text);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-prove-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(
      join(dir, 'schema', 's.sql'),
      "CREATE TABLE t (id int PRIMARY KEY, code text CHECK (code ~ '^[A-Z]+$'));",
    );
    const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir: join(dir, 'm'), url: d.url });
    expect(p.proof?.refusedRows?.message).toMatch(/violated by some row/);
    expect(p.hazards).toContain('CORRECTNESS');
  });

  it('plan through the CLI: a cast-less change exits 1 with the step and the error, writing nothing', async () => {
    const d = await database('CREATE TABLE events (id int PRIMARY KEY, at bigint NOT NULL);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-prove-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(
      join(dir, 'schema', 'events.sql'),
      'CREATE TABLE events (id int PRIMARY KEY, at timestamp NOT NULL);',
    );
    const r = await runCli(['plan', '--url', d.url, '--schema', join(dir, 'schema'), '--migrations', join(dir, 'm')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /up step \d+ \(alter table:public\.events\) would fail: column public\.events\.at changes from bigint to timestamp without time zone/,
    );
    expect(r.stderr).toContain('cannot cast type bigint to timestamp without time zone');
    expect(r.stderr).toContain('ALTER TABLE "public"."events" ALTER COLUMN "at" TYPE timestamp without time zone');
    expect(existsSync(join(dir, 'm')) ? readdirSync(join(dir, 'm')) : []).toEqual([]);

    writeFileSync(
      join(dir, 'schema', 'events.sql'),
      'CREATE TABLE events (id int PRIMARY KEY, at bigint NOT NULL, note text);',
    );
    const ok = await runCli(['plan', '--url', d.url, '--schema', join(dir, 'schema'), '--migrations', join(dir, 'm')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /Proven on the dev database in \d+ ms: up, catalog, rows kept, new rows written, down, rows back, new rows written again \(1 table\(s\) with sample rows\)/,
    );
    const off = await runCli([
      'plan',
      '--url',
      d.url,
      '--schema',
      join(dir, 'schema'),
      '--migrations',
      join(dir, 'm2'),
      '--no-prove',
    ]);
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
CREATE TABLE picky (n int NOT NULL CHECK (n > 1 AND n < 1));`);
    const r = await fillTables(d.db, await readTables(d.db, scope));
    expect([...r.filled].sort()).toEqual(['public.a_child', 'public.z_parent']);
    expect(r.skipped).toEqual([{ table: 'public.picky', reason: expect.stringMatching(/violates check constraint/) }]);
    expect(await d.db.query('SELECT count(DISTINCT parent)::int AS n FROM a_child')).toEqual([{ n: 3 }]);
    expect(await d.db.query('SELECT count(*)::int AS n FROM z_parent')).toEqual([{ n: 3 }]);
  });
});
