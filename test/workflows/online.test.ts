// plan --online end to end on a server (issue 24): expand, both application versions writing, backfill, contract,
// and every way back; a backfill killed part-way resumes from its last batch.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrations, planMigration, rollback, status } from '../../src/index.js';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { BIN, runCli } from '../support/cli.js';

const database = useDatabases();

const BEFORE = `CREATE TABLE acct (id serial PRIMARY KEY, name text NOT NULL, weight real);
CREATE TABLE link (id serial PRIMARY KEY, acct_id int NOT NULL REFERENCES acct (id), note text);
CREATE INDEX link_acct ON link (acct_id);
CREATE TABLE other (id int PRIMARY KEY, v int);`;

// id becomes bigint (the key an inbound foreign key uses); weight becomes numeric by a declared conversion.
const AFTER = `CREATE TABLE acct (id bigserial PRIMARY KEY, name text NOT NULL,
  -- sfm:using-down weight::real
  weight numeric(12,4) -- sfm:using round(weight::numeric, 4)
);
CREATE TABLE link (id serial PRIMARY KEY, acct_id int NOT NULL REFERENCES acct (id), note text);
CREATE INDEX link_acct ON link (acct_id);
CREATE TABLE other (id int PRIMARY KEY, v int);`;

const ROWS = `INSERT INTO acct (name, weight) SELECT 'a' || g, g / 7.0 FROM generate_series(1, 3000) g;
INSERT INTO link (acct_id, note) SELECT id, 'l' FROM acct WHERE id % 3 = 0;`;

function projectWith(schema: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-online-'));
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'schema', 's.sql'), schema);
  return { dir, schema: join(dir, 'schema'), migrations: join(dir, 'migrations') };
}

/** A client of one application version: the new one puts the version schema first in its search_path. */
async function client(d: TestDatabase, searchPath?: string): Promise<pg.Client> {
  const c = new pg.Client({
    connectionString: d.url,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  await c.connect();
  return c;
}

const rowsOf = (d: TestDatabase) =>
  d.db.query<{ id: string; name: string; weight: string }>(
    `SELECT id::text, name, weight::text FROM acct ORDER BY acct.id`,
  );

/** A project whose history made BEFORE on `d`, then filled with `rows`. */
async function initialised(d: TestDatabase, rows: string) {
  const p = projectWith(BEFORE);
  await planMigration({ schema: p.schema, migrationsDir: p.migrations, name: 'init' });
  await applyMigrations({ url: d.url, migrationsDir: p.migrations });
  await d.db.exec(rows);
  return p;
}

/** That project, and the online plan to AFTER from its history. */
async function plannedOnline(d: TestDatabase, rows: string) {
  const p = await initialised(d, rows);
  writeFileSync(join(p.schema, 's.sql'), AFTER);
  const planned = await planMigration({ schema: p.schema, migrationsDir: p.migrations, online: true, name: 'big' });
  return { ...p, planned };
}

describe('plan --online', () => {
  it('expands, keeps both versions writing, contracts, and every way back keeps the rows and writes', async () => {
    const d = await database();
    const { planned, migrations, schema } = await plannedOnline(d, ROWS);
    const before = await rowsOf(d);
    expect(planned.online).toEqual(['public.acct.id integer → bigint', 'public.acct.weight real → numeric(12,4)']);
    expect(planned.proof, 'proven, online path and down-expanded too').toBeDefined();
    const text = (planned.migration?.text ?? '').split('-- +sfm down')[0] ?? '';
    expect(text).toMatch(/^-- \+sfm contract$/m);
    expect(text).toMatch(/^-- \+sfm backfill\nUPDATE "public"\."acct" SET/m);
    expect(text).not.toMatch(/ALTER COLUMN "id" TYPE/);
    const version = planned.migration?.version ?? '';
    const vs = `sfm_v${version}`;
    // The linter knows the online form: the backfill is batched, the contract's renames are its purpose.
    const lint = await runCli(['lint', planned.migration?.path ?? '']);
    expect(lint.stdout).toMatch(/0 error\(s\), 0 warning\(s\)/);
    // verify replays it every way: up, down, up, and expand then down-expanded.
    const verify = await runCli(['verify', '--migrations', migrations, '--schema', schema]);
    expect(verify.stdout, verify.stderr).toMatch(/ok +\d+_big[\s\S]*2 migration\(s\) verified/);
    const dry = await runCli(['apply', '--dry-run', '--url', d.url, '--migrations', migrations]);
    expect(dry.stdout).toMatch(/-- in batches of 5000 rows over the table's key/);
    expect(dry.stdout).not.toMatch(/DROP COLUMN "id"/);

    // Expand: nothing of the old application breaks, and the backfill filled the new columns.
    const expanded = await applyMigrations({ url: d.url, migrationsDir: migrations });
    expect(expanded.applied.map((m) => m.phase)).toEqual(['expanded']);
    const s = await status({ url: d.url, migrationsDir: migrations });
    expect(s.migrations.map((m) => m.state)).toEqual(['applied', 'expanded']);
    expect(s.versionSchemas).toEqual([vs]);
    expect(s.drift).toEqual([]);
    expect(
      await d.db.query(
        `SELECT count(*)::int AS n FROM acct WHERE sfm_new_id = id AND sfm_new_weight = round(weight::numeric, 4)`,
      ),
    ).toEqual([{ n: 3000 }]);

    const oldApp = await client(d);
    const newApp = await client(d, `${vs},public`);
    try {
      const [o] = (await oldApp.query(`INSERT INTO acct (name, weight) VALUES ('old', 1.5) RETURNING id`)).rows;
      const [n] = (
        await newApp.query(`INSERT INTO acct (name, weight) VALUES ('new', 2.25) RETURNING id, weight::text`)
      ).rows;
      expect(n).toMatchObject({ weight: '2.2500' });
      await newApp.query(`UPDATE acct SET weight = 3.125 WHERE name = 'a1'`);
      await oldApp.query(`UPDATE acct SET weight = 4.5 WHERE name = 'a2'`);
      // Each version reads what the other wrote, in its own type.
      expect(
        (await oldApp.query(`SELECT name, weight FROM acct WHERE name IN ('a1', 'new') ORDER BY name`)).rows,
      ).toEqual([
        { name: 'a1', weight: 3.125 },
        { name: 'new', weight: 2.25 },
      ]);
      expect(
        (await newApp.query(`SELECT name, weight::text FROM acct WHERE name IN ('a2', 'old') ORDER BY name`)).rows,
      ).toEqual([
        { name: 'a2', weight: '4.5000' },
        { name: 'old', weight: '1.5000' },
      ]);
      expect(Number(n.id)).toBeGreaterThan(Number(o.id));
      await newApp.query(`INSERT INTO link (acct_id, note) VALUES ($1, 'by new')`, [n.id]);
    } finally {
      await oldApp.end();
      await newApp.end();
    }

    // Back from the expanded state: the table as it was (the rows written meanwhile stay), writes work.
    await rollback({ url: d.url, steps: 1 });
    expect(
      await d.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'acct' ORDER BY 1`),
    ).toEqual([{ column_name: 'id' }, { column_name: 'name' }, { column_name: 'weight' }]);
    expect(await d.db.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1`, [vs])).toEqual([
      { n: 0 },
    ]);
    expect((await rowsOf(d)).slice(2, 3000)).toEqual(before.slice(2, 3000));
    const [again] = await d.db.query<{ id: number }>(`INSERT INTO acct (name) VALUES ('after rollback') RETURNING id`);
    expect(again?.id).toBeGreaterThan(3002);

    // Expand and contract: the table is the desired one, re-planning finds nothing, the foreign key holds.
    await applyMigrations({ url: d.url, migrationsDir: migrations });
    const contracted = await applyMigrations({ url: d.url, migrationsDir: migrations, contract: true });
    expect(contracted.applied.map((m) => m.phase)).toEqual(['contracted']);
    expect(
      await d.db.query(
        `SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'acct'::regclass AND attname IN ('id', 'weight') ORDER BY attname`,
      ),
    ).toEqual([{ t: 'bigint' }, { t: 'numeric(12,4)' }]);
    expect(await d.db.query(`SELECT convalidated FROM pg_constraint WHERE conname = 'link_acct_id_fkey'`)).toEqual([
      { convalidated: true },
    ]);
    expect((await status({ url: d.url, migrationsDir: migrations })).ok).toBe(true);
    const replan = await planMigration({ schema, migrationsDir: migrations, url: d.url, write: false });
    expect(replan.steps).toEqual([]);
    await expect(d.db.query(`INSERT INTO link (acct_id) VALUES (999999)`)).rejects.toThrow(/foreign key/);
    const [fresh] = await d.db.query<{ id: string }>(
      `INSERT INTO acct (name, weight) VALUES ('contracted', 1) RETURNING id::text`,
    );
    expect(Number(fresh?.id)).toBeGreaterThan(3003);

    // Back from the contracted state: the old types, and the exact old values where nothing changed them since.
    await rollback({ url: d.url, steps: 1, allowHazards: 'all' });
    const back = await rowsOf(d);
    expect(back.slice(2, 3000)).toEqual(before.slice(2, 3000));
    expect(
      await d.db.query(
        `SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'acct'::regclass AND attname = 'id'`,
      ),
    ).toEqual([{ t: 'integer' }]);
    const [last] = await d.db.query<{ id: number }>(
      `INSERT INTO acct (name) VALUES ('after contract rollback') RETURNING id`,
    );
    expect(last?.id).toBeGreaterThan(Number(fresh?.id));
  });

  it('keeps online changes of two tables in flight at once; refuses a third on one of them, and a plain one', async () => {
    const d = await database();
    const { migrations, schema } = await plannedOnline(d, `${ROWS}; INSERT INTO other VALUES (1, 10), (2, 20)`);
    await applyMigrations({ url: d.url, migrationsDir: migrations });
    // A second online migration, of another table, while the first waits for its contract.
    writeFileSync(join(schema, 's.sql'), AFTER.replace('v int)', 'v bigint)'));
    await expect(planMigration({ schema, migrationsDir: migrations, url: d.url, write: false })).rejects.toThrow(
      /the target waits for the contract of \d+_big: plan from the migration history/,
    );
    const second = await planMigration({ schema, migrationsDir: migrations, online: true, name: 'other' });
    expect(second.online).toEqual(['public.other.v integer → bigint']);
    await applyMigrations({ url: d.url, migrationsDir: migrations });
    const s = await status({ url: d.url, migrationsDir: migrations });
    expect(s.migrations.map((m) => m.state)).toEqual(['applied', 'expanded', 'expanded']);
    expect(s.versionSchemas).toEqual([`sfm_v${second.migration?.version}`, expect.stringMatching(/^sfm_v\d+$/)]);
    expect(s.drift).toEqual([]);

    // A third, on a table already in flight: refused, naming both.
    writeFileSync(
      join(schema, 's.sql'),
      AFTER.replace('v int)', 'v bigint)').replace('numeric(12,4)', 'numeric(12,2)'),
    );
    const third = await planMigration({ schema, migrationsDir: migrations, online: true, name: 'again' });
    await expect(applyMigrations({ url: d.url, migrationsDir: migrations })).rejects.toThrow(
      /\d+_again\.sql changes "public"\."acct" online, which \d+_big\.sql is changing already/,
    );
    rmSync(third.migration?.path ?? '');
    expect((await runCli(['hash', '--migrations', migrations])).code).toBe(0);

    // A plain one over expanded ones: refused until the contracts ran (which --contract runs first).
    writeFileSync(join(schema, 's.sql'), AFTER.replace('v int)', 'v bigint, extra int)'));
    const plain = await planMigration({ schema, migrationsDir: migrations, online: true, write: true });
    expect(plain.online).toBeUndefined();
    await expect(applyMigrations({ url: d.url, migrationsDir: migrations })).rejects.toThrow(
      /is not an online migration, and .* waits for its contract: run apply --contract/,
    );
    const all = await applyMigrations({ url: d.url, migrationsDir: migrations, contract: true });
    expect(all.applied.map((m) => m.phase ?? 'applied')).toEqual(['contracted', 'contracted', 'applied']);
    expect(await d.db.query(`SELECT v::text FROM other ORDER BY id`)).toEqual([{ v: '10' }, { v: '20' }]);
    expect((await status({ url: d.url, migrationsDir: migrations })).ok).toBe(true);
  });

  it('a backfill killed part-way is undone by rollback, or resumed from its last batch to the in-place result', async () => {
    const d = await database();
    const rows = `INSERT INTO acct (name, weight) SELECT 'a' || g, g / 7.0 FROM generate_series(1, 20000) g`;
    const { migrations, planned } = await plannedOnline(d, rows);
    const before = await rowsOf(d);
    const [seq] = await d.db.query(`SELECT last_value FROM acct_id_seq`);

    // Killed once some batches are in: the progress row holds the last committed batch's key.
    const killedInBackfill = async (): Promise<number> => {
      const child = spawn(
        process.execPath,
        [BIN, 'apply', '--url', d.url, '--migrations', migrations, '--batch-rows', '500', '--batch-pause', '100ms'],
        { env: { ...process.env, DATABASE_URL: '' }, stdio: 'ignore' },
      );
      let cursor: string | null = null;
      for (let i = 0; i < 200 && !cursor; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const found = await d.db
          .query<{ cursor: string | null }>(`SELECT cursor FROM sfm_schema.progress WHERE cursor IS NOT NULL`)
          .catch(() => []);
        cursor = found[0]?.cursor ?? null;
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(cursor).not.toBeNull();
      const [done] = await d.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM acct WHERE sfm_new_id IS NOT NULL`,
      );
      expect(done?.n).toBeGreaterThan(0);
      expect(done?.n).toBeLessThan(20000);
      expect((await status({ url: d.url, migrationsDir: migrations })).migrations.map((m) => m.state)).toEqual([
        'applied',
        'partial',
      ]);
      return done?.n ?? 0;
    };

    // Rolled back half-way: the table, its rows and its sequence as they were; a row can be written.
    await killedInBackfill();
    await rollback({ url: d.url, steps: 1 });
    expect(await rowsOf(d)).toEqual(before);
    expect(await d.db.query(`SELECT last_value FROM acct_id_seq`)).toEqual([seq]);
    expect(await d.db.query(`SELECT count(*)::int AS n FROM sfm_schema.progress`)).toEqual([{ n: 0 }]);
    expect((await status({ url: d.url, migrationsDir: migrations })).migrations.map((m) => m.state)).toEqual([
      'applied',
      'pending',
    ]);

    // Applied again and cut off again: the next apply goes on after the last batch.
    const done = await killedInBackfill();
    // The new version deployed too early writes a row the backfill has not reached: its old columns keep their values.
    const early = await client(d, `sfm_v${planned.migration?.version},public`);
    try {
      await early.query(`UPDATE acct SET name = 'early' WHERE name = 'a20000'`);
    } finally {
      await early.end();
    }
    expect(await d.db.query(`SELECT id, sfm_new_id::int AS n FROM acct WHERE name = 'early'`)).toEqual([
      { id: 20000, n: 20000 },
    ]);
    const resumed = await runCli(['apply', '--url', d.url, '--migrations', migrations, '--batch-rows', '2000']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const m = /backfill public\.acct: ([\d,]+) rows/.exec(resumed.stderr);
    expect(Number((m?.[1] ?? '').replace(/,/g, '')), 'only the rows nobody reached or wrote').toBe(20000 - done - 1);
    expect((await status({ url: d.url, migrationsDir: migrations })).migrations.map((x) => x.state)).toEqual([
      'applied',
      'expanded',
    ]);
    await applyMigrations({ url: d.url, migrationsDir: migrations, contract: true });
    expect(
      await d.db.query(
        `SELECT count(*)::int AS n FROM acct WHERE weight IS DISTINCT FROM round((id / 7.0)::real::numeric, 4)`,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('renames a column online: the new version writes the new name through its view, the contract renames', async () => {
    const d = await database();
    const p = await initialised(d, ROWS);
    const before = await rowsOf(d);
    writeFileSync(
      join(p.schema, 's.sql'),
      AFTER.replace('name text NOT NULL,', 'title text NOT NULL, -- sfm:renamed-from name\n'),
    );
    const planned = await planMigration({ schema: p.schema, migrationsDir: p.migrations, online: true, name: 'ren' });
    expect(planned.online).toContain('public.acct.name renamed to title');
    const up = (planned.migration?.text ?? '').split('-- +sfm down')[0] ?? '';
    expect(up.indexOf('RENAME COLUMN "name" TO "title"')).toBeGreaterThan(up.indexOf('-- +sfm contract'));
    const vs = `sfm_v${planned.migration?.version ?? ''}`;

    await applyMigrations({ url: d.url, migrationsDir: p.migrations });
    const oldApp = await client(d);
    const newApp = await client(d, `${vs},public`);
    try {
      await oldApp.query(`INSERT INTO acct (name, weight) VALUES ('by old', 1)`);
      await newApp.query(`INSERT INTO acct (title, weight) VALUES ('by new', 2)`);
      await newApp.query(`UPDATE acct SET title = 'retitled' WHERE title = 'a5'`);
      expect((await oldApp.query(`SELECT name FROM acct WHERE id > 3000 OR id = 5 ORDER BY id`)).rows).toEqual([
        { name: 'retitled' },
        { name: 'by old' },
        { name: 'by new' },
      ]);
    } finally {
      await oldApp.end();
      await newApp.end();
    }
    // Back from the expanded state: the old name only; then expand and contract: the new name only.
    await rollback({ url: d.url, steps: 1 });
    expect(await d.db.query(`SELECT count(*)::int AS n FROM acct WHERE name = 'retitled'`)).toEqual([{ n: 1 }]);
    await applyMigrations({ url: d.url, migrationsDir: p.migrations });
    await applyMigrations({ url: d.url, migrationsDir: p.migrations, contract: true });
    expect(await d.db.query(`SELECT count(*)::int AS n FROM acct WHERE title = 'retitled'`)).toEqual([{ n: 1 }]);
    const replan = await planMigration({ schema: p.schema, migrationsDir: p.migrations, url: d.url, write: false });
    expect(replan.steps).toEqual([]);
    // Back from the contracted state: the old name and the old values of the rows nobody changed.
    await rollback({ url: d.url, steps: 1, allowHazards: 'all' });
    const back = await rowsOf(d);
    expect(back.slice(5, 3000)).toEqual(before.slice(5, 3000));
    await d.db.exec(`INSERT INTO acct (name) VALUES ('after')`);
  });

  it('online: auto goes online only where the in-place form is over the limits, and says both costs', async () => {
    const d = await database();
    const p = await initialised(d, `${ROWS}; ANALYZE acct`);
    writeFileSync(join(p.schema, 's.sql'), AFTER);
    const base = { schema: p.schema, migrationsDir: p.migrations, url: d.url, write: false, online: 'auto' as const };
    const roomy = await planMigration({ ...base, limits: { rewriteBytes: 1024 ** 3 } });
    expect(roomy.online).toBeUndefined();
    expect(roomy.steps.some((s) => s.statements.some((x) => x.includes('ALTER COLUMN "id" TYPE bigint')))).toBe(true);
    const tight = await planMigration({ ...base, limits: { rewriteBytes: 1024 } });
    expect(tight.online).toEqual(['public.acct.id integer → bigint', 'public.acct.weight real → numeric(12,4)']);
    expect(tight.onlineBecause?.join('\n')).toMatch(/rewrites public\.acct: 3,000 rows, .*above limits\.rewrite 1 kB/);
    expect(tight.inPlace?.join('\n')).toMatch(/public\.acct 3,000 rows, .*: rewrite under ACCESS EXCLUSIVE/);
    const cli = await runCli([
      'plan',
      '--dry-run',
      '--online',
      '--url',
      d.url,
      '--schema',
      p.schema,
      '--migrations',
      p.migrations,
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^Online \(docs\/zero-downtime\.md\): public\.acct\.id integer → bigint; /m);
    expect(cli.stdout).toMatch(/in place it would hold: public\.acct 3,000 rows/);
    const bad = await runCli(['plan', '--dry-run', '--online', 'sometimes', '--schema', p.schema]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--online takes no value or auto, got "sometimes"/);
  });

  it('fills a column that becomes NOT NULL by its declared conversion, online, and gives the NULLs back', async () => {
    const d = await database();
    const p = await initialised(
      d,
      `INSERT INTO other SELECT g, CASE WHEN g % 2 = 0 THEN g END FROM generate_series(1, 100) g`,
    );
    writeFileSync(
      join(p.schema, 's.sql'),
      BEFORE.replace('v int)', 'v int NOT NULL DEFAULT 0 -- sfm:using coalesce(v, -1)\n)'),
    );
    const planned = await planMigration({ schema: p.schema, migrationsDir: p.migrations, online: true, name: 'fill' });
    expect(planned.online).toEqual(['public.other.v rewritten by its declared conversion']);
    expect(planned.hazards).not.toContain('DELETES_DATA');
    await applyMigrations({ url: d.url, migrationsDir: p.migrations });
    // The old version still writes NULL; the new column has the conversion's value.
    await d.db.exec(`INSERT INTO other (id, v) VALUES (101, NULL)`);
    expect(await d.db.query(`SELECT count(*)::int AS n FROM other WHERE sfm_new_v = -1`)).toEqual([{ n: 51 }]);
    await applyMigrations({ url: d.url, migrationsDir: p.migrations, contract: true });
    expect(await d.db.query(`SELECT count(*)::int AS n FROM other WHERE v = -1`)).toEqual([{ n: 51 }]);
    await expect(d.db.exec(`INSERT INTO other (id, v) VALUES (102, NULL)`)).rejects.toThrow(/not-null/);
    await d.db.exec(`INSERT INTO other (id) VALUES (102)`);
    const replan = await planMigration({ schema: p.schema, migrationsDir: p.migrations, url: d.url, write: false });
    expect(replan.steps).toEqual([]);
    // Back from the contracted state: the NULLs of the rows nobody changed since.
    await rollback({ url: d.url, steps: 1, allowHazards: 'all' });
    expect(await d.db.query(`SELECT count(*)::int AS n FROM other WHERE v IS NULL`)).toEqual([{ n: 51 }]);
  });

  it('renames a table online: the new version uses the new name through its view, the contract renames', async () => {
    const d = await database();
    const p = await initialised(d, ROWS);
    writeFileSync(
      join(p.schema, 's.sql'),
      BEFORE.replace('CREATE TABLE acct (', 'CREATE TABLE account ( -- sfm:renamed-from acct\n').replace(
        'REFERENCES acct (id)',
        'REFERENCES account (id)',
      ),
    );
    const planned = await planMigration({ schema: p.schema, migrationsDir: p.migrations, online: true, name: 'tbl' });
    expect(planned.online).toEqual(['public.acct renamed to account']);
    const vs = `sfm_v${planned.migration?.version ?? ''}`;
    await applyMigrations({ url: d.url, migrationsDir: p.migrations });
    const oldApp = await client(d);
    const newApp = await client(d, `${vs},public`);
    try {
      await oldApp.query(`INSERT INTO acct (name) VALUES ('by old')`);
      await newApp.query(`INSERT INTO account (name) VALUES ('by new')`);
      expect((await newApp.query(`SELECT count(*)::int AS n FROM account`)).rows).toEqual([{ n: 3002 }]);
      // The foreign key holds meanwhile.
      await expect(oldApp.query(`INSERT INTO link (acct_id) VALUES (999999)`)).rejects.toThrow(/foreign key/);
    } finally {
      await oldApp.end();
      await newApp.end();
    }
    await rollback({ url: d.url, steps: 1 });
    expect(await d.db.query(`SELECT to_regclass('public.account')::text AS t`)).toEqual([{ t: null }]);
    await applyMigrations({ url: d.url, migrationsDir: p.migrations });
    await applyMigrations({ url: d.url, migrationsDir: p.migrations, contract: true });
    expect(await d.db.query(`SELECT count(*)::int AS n FROM account`)).toEqual([{ n: 3002 }]);
    const replan = await planMigration({ schema: p.schema, migrationsDir: p.migrations, url: d.url, write: false });
    expect(replan.steps).toEqual([]);
    await rollback({ url: d.url, steps: 1, allowHazards: 'all' });
    expect(await d.db.query(`SELECT count(*)::int AS n FROM acct`)).toEqual([{ n: 3002 }]);
    await d.db.exec(`INSERT INTO acct (name) VALUES ('after')`);
  });
});
