// Backfill throughput (issue 24): the online form of a column type change on tables of 1M and 10M rows, as
// `sfm-schema apply` runs it (whole process: expand, the backfill in key batches, each its own transaction, with the
// sync trigger in place), beside one plain UPDATE of the same rows on an identical table. pgroll's published
// figure for its backfill is 9.4k rows/s at 300k rows; the target is five times that. Writes
// bench/results/backfill.md.
//
// Usage: npm run bench:backfill [-- --sizes 1000000,10000000] [--batch-rows 5000]
// Server: TEST_DATABASE_URL, else a throwaway cluster of Debian's PostgreSQL 15, else the embedded server.
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { benchServer, ROOT } from './server.js';
import { timed } from './process.js';

const BIN = join(ROOT, 'bin', 'sfm-schema.mjs');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg('--sizes') ?? '1000000,10000000').split(',').map(Number);
const BATCH = arg('--batch-rows') ?? '5000';
const PGROLL_ROWS_PER_S = 9400;

const server = await benchServer();
const { url, dbUrl } = server;

async function sql(target: string, text: string): Promise<number> {
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    const t = performance.now();
    await c.query(text);
    return performance.now() - t;
  } finally {
    await c.end();
  }
}

const BEFORE = 'CREATE TABLE acct (id int PRIMARY KEY, name text NOT NULL, weight real);\n';
const AFTER = `CREATE TABLE acct (id int PRIMARY KEY, name text NOT NULL,
  -- sfm:using-down weight::real
  weight numeric(14,4) -- sfm:using round(weight::numeric, 4)
);\n`;
async function fill(target: string, table: string, n: number): Promise<void> {
  await sql(target, `INSERT INTO ${table} SELECT g, 'name ' || g, g / 7.0 FROM generate_series(1, ${n}) g`);
  await sql(target, `VACUUM ANALYZE ${table}`);
}

interface Row {
  readonly size: number;
  readonly rows: number;
  readonly backfillMs: number;
  readonly applyMs: number;
  readonly updateMs: number;
}

async function measure(n: number): Promise<Row> {
  const name = `bench_backfill_${n}`;
  await sql(url, `DROP DATABASE IF EXISTS ${name}`);
  await sql(url, `CREATE DATABASE ${name}`);
  const target = dbUrl(name);
  const dir = mkdtempSync(join(tmpdir(), 'sfm-bench-backfill-'));
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'schema', 's.sql'), BEFORE);
  const cli = (args: string[]) => {
    const r = timed(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: '' } });
    if (!r.ok) throw new Error(`sfm-schema ${args[0]} failed:\n${r.stderr}`);
    return r;
  };
  cli(['plan', '--name', 'init']);
  cli(['apply', '--url', target]);
  await fill(target, 'acct', n);
  // The same rows in a table of their own, for the plain UPDATE.
  await sql(target, `CREATE TABLE plain (id int PRIMARY KEY, name text NOT NULL, weight real)`);
  await fill(target, 'plain', n);
  writeFileSync(join(dir, 'schema', 's.sql'), AFTER);
  cli(['plan', '--online', '--name', 'weight', '--no-prove']);
  // The plain table is made beside the migrations, for the comparison only.
  const apply = cli(['apply', '--url', target, '--batch-rows', BATCH, '--allow-drift']);
  // The last progress line, the one with the whole time in parentheses.
  const m = /backfill public\.acct: ([\d,]+) rows[^\n(]*\(([\d.]+) s\)/.exec(apply.stderr);
  if (!m) throw new Error(`no backfill line in:\n${apply.stderr}`);
  const updateMs = await sql(
    target,
    `ALTER TABLE plain ADD COLUMN w2 numeric(14,4); UPDATE plain SET w2 = round(weight::numeric, 4)`,
  );
  await sql(url, `DROP DATABASE ${name}`);
  return {
    size: n,
    rows: Number((m[1] ?? '0').replace(/,/g, '')),
    backfillMs: Number(m[2]) * 1000,
    applyMs: apply.ms,
    updateMs,
  };
}

const version = await (async () => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const v = (await c.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  const fsync = (await c.query<{ fsync: string }>('SHOW fsync')).rows[0]?.fsync ?? '?';
  await c.end();
  return `${v.split(' on ')[0] ?? v}, fsync ${fsync}`;
})();
const rows: Row[] = [];
for (const n of SIZES) {
  const r = await measure(n);
  rows.push(r);
  process.stdout.write(
    `${n} rows: backfill ${Math.round(r.rows / (r.backfillMs / 1000))} rows/s, plain UPDATE ${Math.round(n / (r.updateMs / 1000))} rows/s\n`,
  );
}
await server.stop();

const fmt = (x: number) => Math.round(x).toLocaleString('en');
const md = [
  '# Backfill throughput',
  '',
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.versions.node}; ${version}. ` +
    'Written by `npm run bench:backfill` (also run by `npm run bench`).',
  '',
  'The online form of `weight real → numeric(14,4)` (a declared conversion) as `sfm-schema apply` runs it: batches of ' +
    `${BATCH} rows over the primary key, each its own transaction, with the sync trigger in place; rows/s from its own ` +
    'progress line. Beside it, one `UPDATE` of the same rows in one transaction (which holds every row lock until it ' +
    `ends). pgroll publishes ${fmt(PGROLL_ROWS_PER_S)} rows/s at 300k rows; the target is five times that.`,
  '',
  '| rows | backfill | backfill rows/s | ÷ pgroll | plain UPDATE | UPDATE rows/s | whole apply (expand, backfill, validate) |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${fmt(r.rows)} | ${(r.backfillMs / 1000).toFixed(1)} s | ${fmt(r.rows / (r.backfillMs / 1000))} | ` +
      `${(r.rows / (r.backfillMs / 1000) / PGROLL_ROWS_PER_S).toFixed(1)}× | ${(r.updateMs / 1000).toFixed(1)} s | ` +
      `${fmt(r.size / (r.updateMs / 1000))} | ${(r.applyMs / 1000).toFixed(1)} s |`,
  ),
  '',
].join('\n');
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'backfill.md'), md);
process.stdout.write(md);
