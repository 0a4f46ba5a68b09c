// Benchmarks (not tests): catalog read, diff+plan and desired-state load for a schema of N tables.
// Usage: npm run bench [-- N]   (uses TEST_DATABASE_URL or starts an embedded server)
import pg from 'pg';
import { startEmbeddedServer } from '../test/support/embedded-server.js';
import { connect } from '../src/db/queryable.js';
import { introspect } from '../src/introspect/introspect.js';
import { plan } from '../src/plan/plan.js';
import { emptyModel } from '../src/model/model.js';
import { openDevDatabase } from '../src/dev-db/dev-db.js';
import { parseSources } from '../src/desired/load-sql.js';
import { loadDesired } from '../src/desired/desired.js';
import { startupBench } from './startup.js';
import { schemaSql } from './schema.js';

const N = Number(process.argv[2] ?? 500);


async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  console.log(`${label.padEnd(44)} ${(performance.now() - t).toFixed(0).padStart(7)} ms`);
  return r;
}

startupBench();
const server = process.env['TEST_DATABASE_URL'] ? undefined : await startEmbeddedServer();
const url = process.env['TEST_DATABASE_URL'] ?? (server as { url: string }).url;
const admin = new pg.Client(url);
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS sfm_bench');
await admin.query('CREATE DATABASE sfm_bench');
const u = new URL(url);
u.pathname = '/sfm_bench';
const db = await connect(u.toString());
console.log(`schema: ${N} tables (each: identity PK, FK, enum column, check, expression partial index)`);
await time('create the schema on the server', () => db.exec(schemaSql(N, 0)));
const model = await time('introspect (one query per kind)', () => introspect(db, { excludeSchemas: [] }));
await time('plan empty -> model (render all)', async () => plan(emptyModel(), model));
const dev = await openDevDatabase({ targetUrl: url, extensions: [] });
const sources = await parseSources([{ path: 'bench.sql', text: schemaSql(N, 1) }]);
const desired = await time('load desired SQL on a server dev database', () => loadDesired(dev, { sources, extensions: [] }, { excludeSchemas: [] }));
const p = await time('plan model -> desired (10% tables altered)', async () => plan(model, desired));
console.log(`steps: ${p.steps.length}`);
await dev.dispose();
await db.close();
await admin.query('DROP DATABASE sfm_bench');
await admin.end();
await server?.stop();
