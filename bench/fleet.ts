// Benchmark (not a test) of fleets: 50 databases on one server brought to the latest of two migrations, with
// --parallel 1, 4 and 8. Usage: npx tsx bench/fleet.ts [N]   (uses TEST_DATABASE_URL or starts an embedded server)
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedServer } from '../test/support/embedded-server.js';
import { applyFleet, planMigration } from '../src/index.js';

const N = Number(process.argv[2] ?? 50);
const server = process.env['TEST_DATABASE_URL'] ? undefined : await startEmbeddedServer();
const url = process.env['TEST_DATABASE_URL'] ?? (server as { url: string }).url;
const admin = new pg.Client(url);
await admin.connect();
const names = Array.from({ length: N }, (_, i) => `bench_fleet_${i}`);
const dbUrl = (name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
mkdirSync(join(dir, 'schema'));
const migrations = join(dir, 'migrations');
writeFileSync(
  join(dir, 'schema', 'a.sql'),
  'CREATE TABLE note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);',
);
await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, dev: 'embedded', name: 'one' });
writeFileSync(
  join(dir, 'schema', 'a.sql'),
  'CREATE TABLE note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL, at timestamptz DEFAULT now());\nCREATE INDEX note_body ON note (body);\nCREATE TABLE tag (note_id bigint REFERENCES note, tag text NOT NULL);',
);
await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, dev: 'embedded', name: 'two' });
try {
  for (const parallel of [1, 4, 8]) {
    for (const n of names) {
      await admin.query(`DROP DATABASE IF EXISTS ${n}`);
      await admin.query(`CREATE DATABASE ${n}`);
    }
    const t = performance.now();
    const r = await applyFleet({ targets: names.map(dbUrl), migrationsDir: migrations, parallel, allowHazards: 'all' });
    const ms = Math.round(performance.now() - t);
    console.log(
      `${N} targets, 2 migrations, --parallel ${parallel}: ${ms} ms (${Math.round(ms / N)} ms per target), ${r.failed} failed, ${Math.round(process.memoryUsage().rss / 1e6)} MB rss`,
    );
  }
} finally {
  for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n}`);
  await admin.end();
  await server?.stop();
}
