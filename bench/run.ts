// The benchmark (issue 9; not part of npm test). For each size: the issue's schema of N tables and a changed copy
// on a real server, then whole processes, median of --runs, peak RSS: sfm-schema diff of the two databases beside
// two pg_dump --schema-only runs, Supabase's pg-delta and @pgkit/migra; plan --url with the desired state as SQL
// files beside psql -f of that SQL plus a pg_dump; apply of the written migration beside psql -f of its statements;
// --help. Then the same read, diff and plan inside this process. Writes bench/results/latest.{json,md,svg}.
//
// Usage: npm run bench [-- --sizes 1000,2000,5000,10000] [--runs 3] [--large 2000]  (sizes above --large: one run,
// and plan is timed without the proof only)
// Server: TEST_DATABASE_URL, else a throwaway cluster of Debian's PostgreSQL 15 (PG_BIN; its psql and pg_dump can
// read it), else the embedded server (then the pg_dump and psql rows are left out).
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { benchServer, PG_BIN, ROOT } from './server.js';
import { connect } from '../src/db/queryable.js';
import { introspect } from '../src/introspect/introspect.js';
import { plan } from '../src/plan/plan.js';
import { median, sum, timed, type Run } from './process.js';
import { peerSchemaSql, peerSchemaStatements } from './schema.js';
import { chart, markdown, type BenchResults, type SizeResult, type Tool } from './report.js';
import { startupBench } from './startup.js';

const BIN = join(ROOT, 'bin', 'sfm-schema.mjs');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg('--sizes') ?? '1000,2000').split(',').map(Number);
const RUNS = Number(arg('--runs') ?? 3);
// Sizes above this are timed once (a 10,000-table pair takes minutes per tool), and planned without the proof.
const LARGE = Number(arg('--large') ?? 2000);
const runsFor = (n: number) => (n > LARGE ? 1 : RUNS);

const server = await benchServer();
const { url, dbUrl } = server;
const admin = new pg.Client(url);
await admin.connect();
const serverVersion = (await admin.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v.split(' on ')[0] ?? '?';
const major =
  Number((await admin.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]?.v) / 10000;
const toolMajor = Number(
  /(\d+)/.exec(spawnSync(join(PG_BIN, 'pg_dump'), ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 0,
);
const withPgTools = toolMajor >= Math.floor(major);
const u = new URL(url);
const pgEnv = {
  ...process.env,
  PGPASSWORD: decodeURIComponent(u.password),
  PGHOST: u.hostname,
  PGPORT: u.port,
  PGUSER: decodeURIComponent(u.username),
};
const PEERS = join(ROOT, 'node_modules', '.bin');

async function recreate(name: string, template?: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
}

/** Median of `runs` runs; `prepare` runs before each (untimed). */
async function measureN(runs: number, run: () => Run, prepare?: () => Promise<void>): Promise<Run> {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare?.();
    const r = run();
    if (!r.ok) console.log(`  failed: ${('stderr' in r ? String(r.stderr) : '').split('\n').slice(0, 3).join(' | ')}`);
    results.push(r);
  }
  return median(results);
}

const work = mkdtempSync(join(tmpdir(), 'sfm-bench-'));
const sfm = (args: string[]) =>
  timed(process.execPath, [BIN, ...args], { cwd: work, env: { ...process.env, DATABASE_URL: '' } });
const psqlFile = (db: string, file: string) =>
  timed(join(PG_BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', file], { env: pgEnv });
const dump = (db: string) => timed(join(PG_BIN, 'pg_dump'), ['--schema-only', '-f', '/dev/null', db], { env: pgEnv });

/** The up statements of a written migration, as a psql script. */
function upScript(migrations: string): string {
  const file = readdirSync(migrations).find((f) => f.endsWith('.sql'));
  if (!file) throw new Error(`plan wrote no migration into ${migrations}`);
  const text = readFileSync(join(migrations, file), 'utf8');
  return text.slice(text.indexOf('-- +sfm up'), text.indexOf('-- +sfm down'));
}

async function benchSize(n: number, help: Run | undefined): Promise<SizeResult> {
  console.log(`\n== ${n} tables`);
  const runs = runsFor(n);
  const measure = (run: () => Run, prepare?: () => Promise<void>) => measureN(runs, run, prepare);
  const desiredSql = peerSchemaSql(n, true);
  for (const [name, changed] of [
    ['bench_a', false],
    ['bench_b', true],
  ] as const) {
    await recreate(name);
    const c = new pg.Client(dbUrl(name));
    await c.connect();
    // In transactions of 500 statements: 10,000 tables in one would overflow the server's lock table.
    const statements = peerSchemaStatements(n, changed);
    for (let i = 0; i < statements.length; i += 500) await c.query(statements.slice(i, i + 500).join('\n'));
    await c.end();
  }
  const [a, b] = [dbUrl('bench_a'), dbUrl('bench_b')];
  const processes: Partial<Record<Tool, Run>> = {};
  const note = (tool: Tool, r: Run) => {
    processes[tool] = r;
    console.log(
      `${tool.padEnd(12)} ${(r.ms / 1000).toFixed(2).padStart(7)} s ${String(r.rssMb).padStart(5)} MB${r.ok ? '' : '  FAILED'}`,
    );
  };

  note('diff', await measure(() => sfm(['diff', '--from', a, '--to', b])));
  if (withPgTools) note('dump', await measure(() => sum(dump('bench_a'), dump('bench_b'))));
  if (existsSync(join(PEERS, 'pgdelta')))
    note(
      'delta',
      await measure(() => timed(join(PEERS, 'pgdelta'), ['plan', '--source', a, '--desired', b, '--out', '/dev/null'])),
    );
  if (existsSync(join(PEERS, 'migra')))
    note('migra', await measure(() => timed(join(PEERS, 'migra'), [a, b, '--unsafe'])));

  // plan --url: the desired state as SQL files, loaded on an empty database of the same server.
  const schemaDir = join(work, `schema-${n}`);
  mkdirSync(schemaDir, { recursive: true });
  writeFileSync(join(schemaDir, 'app.sql'), `${desiredSql}\n`);
  const migrations = join(work, `migrations-${n}`);
  const planArgs = (extra: string[]) => [
    'plan',
    '--url',
    a,
    '--schema',
    schemaDir,
    '--dev-url',
    dbUrl('bench_dev'),
    '--migrations',
    migrations,
    '--no-cache',
    '--name',
    'bench',
    ...extra,
  ];
  const freshPlan = async () => {
    rmSync(migrations, { recursive: true, force: true });
    await recreate('bench_dev');
  };
  // The unproven plan runs last: apply below uses the migration it wrote.
  if (n <= LARGE) note('planProved', await measure(() => sfm(planArgs([])), freshPlan));
  note('plan', await measure(() => sfm(planArgs(['--no-prove'])), freshPlan));
  if (withPgTools) {
    const desiredFile = join(schemaDir, 'app.sql');
    note(
      'planRef',
      await measure(
        () => sum(psqlFile(dbUrl('bench_dev'), desiredFile), dump('bench_a')),
        () => recreate('bench_dev'),
      ),
    );
  }
  // apply: the migration the last plan wrote, to fresh copies of the current database.
  const script = join(work, `up-${n}.sql`);
  writeFileSync(script, upScript(migrations));
  const steps = (readFileSync(script, 'utf8').match(/^-- step \d+:/gm) ?? []).length;
  note(
    'apply',
    await measure(
      () => sfm(['apply', '--url', dbUrl('bench_apply'), '--migrations', migrations, '--allow-hazards', 'all']),
      () => recreate('bench_apply', 'bench_a'),
    ),
  );
  if (withPgTools)
    note(
      'applyRef',
      await measure(
        () => psqlFile(dbUrl('bench_apply'), script),
        () => recreate('bench_apply', 'bench_a'),
      ),
    );
  if (help) processes.help = help;

  // The same work inside one process, through the library.
  const scope = { excludeSchemas: [] };
  const t0 = performance.now();
  const from = await withDb(a, (db) => introspect(db, scope));
  const t1 = performance.now();
  const to = await withDb(b, (db) => introspect(db, scope));
  const t2 = performance.now();
  plan(from, to);
  const t3 = performance.now();
  const inProcess = {
    introspectFrom: Math.round(t1 - t0),
    introspectTo: Math.round(t2 - t1),
    plan: Math.round(t3 - t2),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
  console.log(
    `in process: introspect ${inProcess.introspectFrom} + ${inProcess.introspectTo} ms, diff+plan ${inProcess.plan} ms`,
  );
  return { tables: n, runs, steps, processes, inProcess };
}

async function withDb<T>(target: string, fn: (db: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> {
  const db = await connect(target);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

try {
  startupBench();
  const help = median(Array.from({ length: 7 }, () => sfm(['--help'])));
  const sizes: SizeResult[] = [];
  for (const n of SIZES) sizes.push(await benchSize(n, sizes.length === 0 ? help : undefined));
  const results: BenchResults = {
    when: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
    server: serverVersion,
    runs: RUNS,
    sizes,
  };
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'latest.md'), markdown(results));
  writeFileSync(join(out, 'latest.svg'), chart(results));
  console.log(`\n${markdown(results)}`);
} finally {
  for (const name of ['bench_a', 'bench_b', 'bench_dev', 'bench_apply'])
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
