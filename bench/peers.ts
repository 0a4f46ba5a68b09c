// Benchmark (not a test) of sfm-schema beside its peers on the same pair of live databases (issue 9): N tables (10
// columns, 2 indexes and 1 foreign key each, plus enums, views and functions) and a changed copy; whole processes,
// timed in one run, median of 3, peak RSS from /usr/bin/time: `sfm-schema diff` of the two databases, `pg_dump
// --schema-only` of both, Supabase's pg-delta `plan`, `@pgkit/migra`. The peers are installed on demand into
// .sfm-tmp/peers (not dependencies of sfm-schema). Writes bench/results/peers-<N>.json and prints a Markdown table.
// Usage: npx tsx bench/peers.ts [N]   (uses TEST_DATABASE_URL or starts an embedded server; pg_dump from PG_BIN)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedServer } from '../test/support/embedded-server.js';

const N = Number(process.argv[2] ?? 1000);
const ROOT = join(import.meta.dirname, '..');
const PEERS = join(ROOT, '.sfm-tmp', 'peers');
const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

function schema(n: number, changed: boolean): string {
  const out = ['CREATE SCHEMA app;'];
  for (let e = 0; e < Math.max(1, n / 20); e++) out.push(`CREATE TYPE app.e${e} AS ENUM ('a', 'b'${changed && e % 5 === 0 ? ", 'c'" : ''});`);
  for (let i = 0; i < n; i++) {
    const cols = Array.from({ length: 7 }, (_, c) => `c${c} ${['text', 'int', 'numeric', 'timestamptz', 'boolean', 'jsonb', 'bigint'][c]}`);
    if (changed && i % 10 === 0) cols.push('extra text');
    out.push(`CREATE TABLE app.t${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, parent bigint${i ? ` REFERENCES app.t${i - 1}` : ''}, kind app.e${i % Math.max(1, n / 20)}, ${cols.join(', ')});`);
    out.push(`CREATE INDEX t${i}_c0 ON app.t${i} (c0);`, `CREATE INDEX t${i}_c1 ON app.t${i} (c1${changed && i % 7 === 0 ? ', c2' : ''});`);
  }
  for (let v = 0; v < n / 10; v++) out.push(`CREATE VIEW app.v${v} AS SELECT id, c0 FROM app.t${v}${changed && v % 4 === 0 ? ' WHERE c1 > 0' : ''};`);
  for (let f = 0; f < n / 10; f++) out.push(`CREATE FUNCTION app.f${f}(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + ${changed && f % 3 === 0 ? 2 : 1}';`);
  return out.join('\n');
}

interface Run { readonly ms: number; readonly rssMb: number; readonly ok: boolean }

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 30, cwd: ROOT });
  const ms = performance.now() - t;
  const rss = Number(/(\d+)\s*$/.exec(r.stderr.trim())?.[1] ?? 0) / 1024;
  return { ms: Math.round(ms), rssMb: Math.round(rss), ok: r.status === 0 || r.status === 2 };
}

const median = (runs: Run[]) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] as Run;

if (!existsSync(join(PEERS, 'node_modules', '.bin', 'pgdelta'))) {
  mkdirSync(PEERS, { recursive: true });
  writeFileSync(join(PEERS, 'package.json'), '{"name":"peers","private":true}\n');
  spawnSync('npm', ['install', '--no-audit', '--no-fund', '@supabase/pg-delta@1.0.0-alpha.34', '@pgkit/migra@0.6.1'], { cwd: PEERS, stdio: 'inherit' });
}
const server = process.env['TEST_DATABASE_URL'] ? undefined : await startEmbeddedServer();
const url = process.env['TEST_DATABASE_URL'] ?? (server as { url: string }).url;
const dbUrl = (name: string) => { const u = new URL(url); u.pathname = `/${name}`; return u.toString(); };
const admin = new pg.Client(url);
await admin.connect();
try {
  for (const [name, changed] of [['bench_a', false], ['bench_b', true]] as const) {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const c = new pg.Client(dbUrl(name));
    await c.connect();
    await c.query(schema(N, changed));
    await c.end();
  }
  const a = dbUrl('bench_a');
  const b = dbUrl('bench_b');
  const u = new URL(url);
  const pgEnv = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const dumpArgs = (db: string) => ['-h', u.hostname, '-p', u.port, '-U', decodeURIComponent(u.username), '--schema-only', '-f', '/dev/null', db];
  const tools: Record<string, () => Run> = {
    'sfm-schema diff': () => timed(process.execPath, [join(ROOT, 'bin', 'sfm-schema.mjs'), 'diff', '--from', a, '--to', b]),
    'pg_dump --schema-only x2': () => {
      const x = timed(join(PG_BIN, 'pg_dump'), dumpArgs('bench_a'), pgEnv);
      const y = timed(join(PG_BIN, 'pg_dump'), dumpArgs('bench_b'), pgEnv);
      return { ms: x.ms + y.ms, rssMb: Math.max(x.rssMb, y.rssMb), ok: x.ok && y.ok };
    },
    'pg-delta plan': () => timed(join(PEERS, 'node_modules', '.bin', 'pgdelta'), ['plan', '--source', a, '--desired', b, '--out', '/dev/null']),
    '@pgkit/migra': () => timed(join(PEERS, 'node_modules', '.bin', 'migra'), [a, b, '--unsafe']),
  };
  const results: Record<string, Run> = {};
  for (const [tool, run] of Object.entries(tools)) results[tool] = median([run(), run(), run()]);
  const sfm = results['sfm-schema diff'] as Run;
  console.log(`\n${N} tables, median of 3 (this machine):\n\n| tool | wall | peak RSS | sfm-schema ÷ tool |\n|---|---:|---:|---:|`);
  for (const [tool, r] of Object.entries(results)) {
    console.log(`| ${tool} | ${(r.ms / 1000).toFixed(2)} s${r.ok ? '' : ' (failed)'} | ${r.rssMb} MB | ${(sfm.ms / r.ms).toFixed(2)} |`);
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', `peers-${N}.json`), `${JSON.stringify({ tables: N, when: new Date().toISOString(), results }, null, 2)}\n`);
} finally {
  await admin.query('DROP DATABASE IF EXISTS bench_a');
  await admin.query('DROP DATABASE IF EXISTS bench_b');
  await admin.end();
  await server?.stop();
}
