// Benchmarks (not tests) of the proof and of erd:
//  - the proof of the SFM schema planned from nothing on the embedded dev database (PGlite), no server;
//  - the proof of a 500-table plan on a server (temporary dev database on it);
//  - erd of a 1,000-table database, whole and with --focus.
// Usage: npx tsx bench/proof-erd.ts   (uses TEST_DATABASE_URL or starts an embedded server)
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedServer } from '../test/support/embedded-server.js';
import { erd, planMigration } from '../src/index.js';
import { schemaSql } from './schema.js';

const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;
const rss = () => `${Math.round(process.memoryUsage().rss / 1e6)} MB rss`;

const server = process.env['TEST_DATABASE_URL'] ? undefined : await startEmbeddedServer();
const url = process.env['TEST_DATABASE_URL'] ?? (server as { url: string }).url;
const admin = new pg.Client(url);
await admin.connect();
const dbUrl = (name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
try {
  let t = performance.now();
  const sfm = await planMigration({
    schema: 'schema',
    migrationsDir: join(mkdtempSync(join(tmpdir(), 'bench-')), 'm'),
    dev: 'embedded',
    write: false,
  });
  console.log(
    `SFM schema from nothing on PGlite: ${sfm.steps.length} steps, plan ${ms(t)} of which proof ${sfm.proof?.durationMs} ms (${sfm.proof?.filled} tables filled)`,
  );

  for (const n of [500]) {
    await admin.query(`DROP DATABASE IF EXISTS bench_proof`);
    await admin.query(`CREATE DATABASE bench_proof`);
    const c = new pg.Client(dbUrl('bench_proof'));
    await c.connect();
    await c.query(schemaSql(n, 0));
    await c.end();
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 's.sql'), schemaSql(n, 1));
    t = performance.now();
    const p = await planMigration({
      schema: join(dir, 'schema'),
      migrationsDir: join(dir, 'm'),
      url: dbUrl('bench_proof'),
      write: false,
    });
    console.log(
      `${n} tables (10% altered) on a server: ${p.steps.length} steps, plan ${ms(t)}; current ${p.timings.currentMs} ms, desired ${p.timings.desiredMs} ms, plan ${p.timings.planMs} ms, proof ${p.timings.proofMs} ms; ${rss()}`,
    );
    t = performance.now();
    await planMigration({
      schema: join(dir, 'schema'),
      migrationsDir: join(dir, 'm'),
      url: dbUrl('bench_proof'),
      write: false,
      prove: false,
    });
    console.log(`  the same unproven: ${ms(t)}`);
  }

  await admin.query(`DROP DATABASE IF EXISTS bench_erd`);
  await admin.query(`CREATE DATABASE bench_erd`);
  const c = new pg.Client(dbUrl('bench_erd'));
  await c.connect();
  await c.query(schemaSql(1000, 0));
  await c.end();
  t = performance.now();
  const focused = await erd({ source: dbUrl('bench_erd'), format: 'svg', focus: ['t500'], depth: 2 });
  console.log(`erd of 1,000 tables --focus t500 --depth 2: ${focused.graph.nodes.length} nodes, ${ms(t)}`);
  t = performance.now();
  const whole = await erd({ source: dbUrl('bench_erd'), format: 'svg' });
  console.log(
    `erd of 1,000 tables, whole: ${whole.graph.nodes.length} nodes, ${Math.round(whole.text.length / 1e6)} MB of SVG, ${ms(t)}; ${rss()}`,
  );
  t = performance.now();
  await erd({ source: dbUrl('bench_erd'), format: 'mermaid' });
  console.log(`erd of 1,000 tables as Mermaid: ${ms(t)}`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS bench_proof`);
  await admin.query(`DROP DATABASE IF EXISTS bench_erd`);
  await admin.end();
  await server?.stop();
}
