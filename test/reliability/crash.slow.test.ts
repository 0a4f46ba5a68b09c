// Crash safety: `kill -9` of an apply of a 50-step migration set at random moments, inside transactional runs and
// inside non-transactional CREATE INDEX CONCURRENTLY segments. Afterwards the catalog must equal a boundary the
// history records (every applied version, plus the finished segments of a partial one), and a re-run must complete
// to the last version. Two things a kill can leave that no boundary has, both by PostgreSQL's design: a concurrent
// index build cut off leaves an INVALID index (the re-run drops and rebuilds it), and a non-transactional statement
// that finished just before its progress row was written is one segment ahead (the re-run finds it built and keeps it).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, type Queryable } from '../../src/db/queryable.js';
import { createMigration, rehashMigrations } from '../../src/index.js';
import { parseMigration } from '../../src/migrations/format.js';
import { readMigrations } from '../../src/migrations/directory.js';
import { segmentsOf } from '../../src/migrations/segments.js';
import { createDatabase, urlFor, type TestDatabase } from '../support/db.js';
import { fingerprint, type Fingerprint } from '../support/fingerprint.js';
import { BIN, project, runCli } from '../support/cli.js';

const TRIALS = Number(process.env['SFM_CRASH_TRIALS'] ?? 20);
const SEED = Number(process.env['SFM_CRASH_SEED'] ?? 17);
const NT = '-- +sfm no-transaction';

/** Ten steps per migration, fifty in all; migrations 3 and 5 build indexes concurrently between ordinary steps. */
function migrationTexts(): string[] {
  const sleep = 'SELECT pg_sleep(0.04);';
  const m1 = [
    'CREATE TABLE items (id int PRIMARY KEY, v int, note text);',
    'INSERT INTO items SELECT g, g % 97, md5(g::text) FROM generate_series(1, 20000) g;',
    ...Array.from({ length: 8 }, (_, i) => `ALTER TABLE items ADD COLUMN c${i} int;`),
  ];
  const m2 = Array.from({ length: 10 }, (_, i) =>
    i % 2 ? sleep : `CREATE TABLE side${i} (id int PRIMARY KEY, items_id int REFERENCES items);`,
  );
  const m3 = [
    `${NT}\nCREATE INDEX CONCURRENTLY items_v ON items (v);`,
    sleep,
    'ALTER TABLE items ADD COLUMN extra text;',
    sleep,
    `${NT}\nCREATE INDEX CONCURRENTLY items_note ON items (note);`,
    sleep,
    'UPDATE items SET extra = note WHERE id % 10 = 0;',
    sleep,
    'CREATE VIEW items_view AS SELECT id, v FROM items;',
    sleep,
  ];
  const m4 = Array.from({ length: 10 }, (_, i) =>
    i % 3 === 0 ? sleep : `COMMENT ON COLUMN items.c${i % 8} IS 'step ${i}';`,
  );
  const m5 = [
    sleep,
    `${NT}\nCREATE INDEX CONCURRENTLY items_c0 ON items (c0);`,
    'ALTER TABLE items ALTER COLUMN c1 SET DEFAULT 1;',
    `${NT}\nCREATE INDEX CONCURRENTLY items_c1 ON items (c1, v);`,
    sleep,
    'CREATE TABLE last_one (id int);',
    sleep,
    `${NT}\nCREATE INDEX CONCURRENTLY items_extra ON items (extra);`,
    sleep,
    'INSERT INTO last_one VALUES (1);',
  ];
  return [m1, m2, m3, m4, m5].map((steps) => `-- +sfm up\n${steps.join('\n')}\n-- +sfm down\nSELECT 1;\n`);
}

function makeProject(): string {
  const dir = project({});
  const mig = join(dir, 'generated-migrations');
  const texts = migrationTexts();
  const paths = texts.map((_, i) => createMigration({ migrationsDir: mig, name: `part ${i + 1}` }).path);
  texts.forEach((text, i) => writeFileSync(paths[i] as string, text));
  rehashMigrations({ migrationsDir: mig });
  return dir;
}

/** A small seeded generator, so that a failing trial can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function otherBackendsGone(db: Queryable, name: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const [r] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
    if (r?.n === 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("the killed run's backend did not end");
}

/** The target's catalog without the invalid indexes a cut-off concurrent build leaves (see the header). */
async function settledFingerprint(target: TestDatabase): Promise<Fingerprint> {
  await target.db.close();
  const admin = await connect(urlFor('postgres'));
  const copy = `${target.name}_copy`;
  try {
    await otherBackendsGone(admin, target.name);
    await admin.exec(`CREATE DATABASE ${copy} TEMPLATE ${target.name}`);
    const c = await connect(urlFor(copy));
    try {
      const invalid = await c.query<{ q: string }>(`SELECT format('%I.%I', n.nspname, ci.relname) AS q FROM pg_index i
        JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ci.relnamespace WHERE NOT i.indisvalid`);
      for (const { q } of invalid) await c.exec(`DROP INDEX ${q}`);
      return await fingerprint(c);
    } finally {
      await c.close();
    }
  } finally {
    await admin.exec(`DROP DATABASE IF EXISTS ${copy}`);
    await admin.close();
  }
}

/** The boundary a history records: versions applied in full, then `segments` segments of the next one. */
async function boundary(dir: string, versions: number, segments: number): Promise<Fingerprint> {
  const ref = await createDatabase();
  try {
    const files = readMigrations(join(dir, 'generated-migrations'));
    for (const [i, f] of files.entries()) {
      if (i > versions) break;
      const segs = await segmentsOf({ file: f.path, sql: parseMigration(f.file, f.text).up });
      for (const seg of i < versions ? segs : segs.slice(0, segments))
        for (const s of seg.statements) await ref.db.exec(s.sql);
    }
    return await fingerprint(ref.db);
  } finally {
    await ref.drop();
  }
}

const APPLY = (url: string) => [BIN, 'apply', '--url', url, '--allow-hazards', 'all', '--allow-drift'];

/** After a kill: the catalog is at a recorded boundary (or one non-transactional segment past it), and a re-run
 * completes to the last version. Returns what the history recorded. */
async function checkAfterKill(dir: string, target: TestDatabase, full: Fingerprint, what: string): Promise<string> {
  const live = await settledFingerprint(target);
  const db = await connect(target.url);
  let versions = 0;
  let segments = 0;
  try {
    const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('sfm_schema.history')::text AS t`);
    if (exists[0]?.t) {
      versions = (await db.query('SELECT 1 FROM sfm_schema.history')).length;
      segments = (await db.query<{ n: number }>('SELECT segments_done AS n FROM sfm_schema.progress'))[0]?.n ?? 0;
    }
  } finally {
    await db.close();
  }
  const candidates = [await boundary(dir, versions, segments), await boundary(dir, versions, segments + 1)];
  const matched = candidates.findIndex((c) => JSON.stringify(c) === JSON.stringify(live));
  expect(matched, `${what}: ${versions} version(s) and ${segments} segment(s) recorded`).toBeGreaterThanOrEqual(0);
  const again = await runCli(['apply', '--url', target.url, '--allow-hazards', 'all'], { cwd: dir });
  expect(again.code, again.stderr).toBe(0);
  const reopened = await connect(target.url);
  try {
    expect(await fingerprint(reopened)).toEqual(full);
    expect((await reopened.query('SELECT 1 FROM sfm_schema.history')).length).toBe(5);
  } finally {
    await reopened.close();
  }
  return `v${versions}+s${segments}${matched ? '(+1)' : ''}`;
}

describe('kill -9 during apply', () => {
  it(`${TRIALS} trials end at a recorded boundary and complete on a re-run`, async () => {
    const dir = makeProject();
    const rnd = random(SEED);
    const full = await boundary(dir, 5, 0);
    // How long an uninterrupted run takes, to spread the kills over it.
    const probe = await createDatabase();
    const t0 = Date.now();
    expect((await runCli(APPLY(probe.url).slice(1), { cwd: dir })).code).toBe(0);
    const total = Date.now() - t0;
    await probe.drop();
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const target = await createDatabase();
      try {
        const child = spawn(process.execPath, APPLY(target.url), { cwd: dir, stdio: 'ignore' });
        // Listened for from the start: a run faster than the probe has exited before the kill.
        const exited = new Promise((r) => child.once('exit', r));
        const at = Math.floor(rnd() * total);
        await new Promise((r) => setTimeout(r, at));
        child.kill('SIGKILL');
        await exited;
        const outcome = `${at}ms:${await checkAfterKill(dir, target, full, `trial ${trial}: killed at ${at} ms`)}`;
        // As it goes, so that a trial that hangs in CI is named by the ones before it.
        process.stdout.write(`crash trial ${trial}: ${outcome}\n`);
        outcomes.push(outcome);
      } finally {
        await target.drop();
      }
    }
    process.stdout.write(`crash trials (apply takes ${total} ms): ${outcomes.join(' ')}\n`);
  });

  it('a kill while CREATE INDEX CONCURRENTLY is running ends at a boundary and completes on a re-run', async () => {
    const dir = makeProject();
    const full = await boundary(dir, 5, 0);
    const target = await createDatabase();
    const watcher = await connect(urlFor('postgres'));
    try {
      const child = spawn(process.execPath, APPLY(target.url), { cwd: dir, stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      let seen = false;
      for (let i = 0; i < 4000 && !seen && child.exitCode === null; i++) {
        const rows = await watcher.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'CREATE INDEX CONCURRENTLY%' AND state = 'active'`,
          [target.name],
        );
        seen = rows.length > 0;
      }
      child.kill('SIGKILL');
      await exited;
      expect(seen, 'a concurrent index build was seen running').toBe(true);
      process.stdout.write(
        `kill inside CREATE INDEX CONCURRENTLY: ${await checkAfterKill(dir, target, full, 'killed inside a concurrent build')}\n`,
      );
    } finally {
      await watcher.close();
      await target.drop();
    }
  });
});
