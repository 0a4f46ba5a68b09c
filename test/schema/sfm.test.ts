// The shipped SFM schema: it loads on the server and on PGlite alike, its migrations apply (with the seed data) and
// roll back to nothing, and its rules hold on real rows.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDevDatabase, type DevDatabase } from '../../src/dev-db/dev-db.js';
import { loadDesired, readDesired } from '../../src/desired/desired.js';
import { introspect } from '../../src/introspect/introspect.js';
import { plan } from '../../src/plan/plan.js';
import { apply, rollback } from '../../src/apply/apply.js';
import { detectDrift } from '../../src/apply/drift.js';
import { openServerDev } from '../support/roundtrip.js';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { runCli } from '../support/cli.js';
import { readTables } from '../../src/rehearse/catalog.js';
import { fillTables } from '../../src/rehearse/sample-rows.js';

const ROOT = join(__dirname, '..', '..');
const SCHEMA = join(ROOT, 'schema');
const MIGRATIONS = join(ROOT, 'generated-migrations');
const scope = { excludeSchemas: [] };
const database = useDatabases();

let server: DevDatabase;
beforeAll(async () => {
  server = await openServerDev();
});
afterAll(async () => server?.dispose());

const one = async (d: TestDatabase, sql: string) => (await d.db.query<Record<string, unknown>>(sql))[0];

describe('the SFM schema', () => {
  it('loads on the server and on PGlite into the same model', async () => {
    const desired = await readDesired(SCHEMA);
    const onServer = await loadDesired(server, desired, scope);
    expect(
      onServer.objects
        .filter((o) => o.kind === 'table')
        .map((o) => o.id)
        .sort(),
    ).toEqual([
      'table:sfm.audit_log',
      'table:sfm.flow',
      'table:sfm.indicator',
      'table:sfm.measurement',
      'table:sfm.node',
      'table:sfm.node_kind',
      'table:sfm.relationship',
      'table:sfm.relationship_kind',
      'table:sfm.scenario',
      'table:sfm.spatial_unit',
      'table:sfm.time_slice',
      'table:sfm.unit',
    ]);
    const pglite = await openDevDatabase({ devUrl: 'embedded', extensions: desired.extensions });
    try {
      const onPglite = await loadDesired(pglite, desired, scope);
      expect(plan(onServer, onPglite).steps.map((s) => s.statements)).toEqual([]);
    } finally {
      await pglite.dispose();
    }
  }, 120_000);

  it('the proof fills every one of its tables with sample rows (issue 22: 1 of 12 before)', async () => {
    await loadDesired(server, await readDesired(SCHEMA), scope);
    const tables = await readTables(server.db, scope);
    const r = await fillTables(server.db, tables);
    expect(r.skipped).toEqual([]);
    expect(r.filled).toHaveLength(tables.filter((t) => !t.partition).length);
  });

  it('`plan --exit-code` in the repository reports no changes, with no server (embedded dev database)', async () => {
    const r = await runCli(['plan', '--exit-code'], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('No changes: the desired state matches the current state.');
    expect(r.code).toBe(0);
  }, 120_000);

  it('its migrations apply with the seed data, match the schema, and roll back to nothing', async () => {
    const d = await database();
    const done = await apply(d.db, { migrationsDir: MIGRATIONS, allowHazards: [] });
    expect(done.map((m) => m.name)).toEqual(['sfm_initial', 'seed_reference_data']);
    expect(
      await one(
        d,
        `SELECT (SELECT count(*) FROM sfm.node_kind)::int AS kinds, (SELECT count(*) FROM sfm.relationship_kind)::int AS rels, (SELECT count(*) FROM sfm.unit)::int AS units`,
      ),
    ).toEqual({ kinds: 15, rels: 10, units: 14 });
    const wanted = await loadDesired(server, await readDesired(SCHEMA), scope);
    expect(plan(await introspect(d.db, scope), wanted).steps.map((s) => s.statements)).toEqual([]);
    // No drift, decided by the hash alone (the migration was planned on PGlite): no dev database is opened.
    expect(
      await detectDrift(d.db, MIGRATIONS, () => Promise.reject(new Error('no dev database expected')), scope),
    ).toEqual([]);

    await rollback(d.db, { to: '0', allowHazards: 'all' });
    expect(await one(d, `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'sfm'`)).toEqual({ n: 0 });
    expect(await one(d, `SELECT count(*)::int AS n FROM sfm_schema.history`)).toEqual({ n: 0 });
  });

  it('enforces its rules on real rows: no self-loops, certainty in [0,1], JSON objects, unique per slice; keeps updated_at and the audit log', async () => {
    const d = await database();
    await apply(d.db, { migrationsDir: MIGRATIONS, allowHazards: [] });
    await d.db.exec(`
      INSERT INTO sfm.time_slice (label, starts_on, ends_on) VALUES ('2026', '2026-01-01', '2027-01-01');
      INSERT INTO sfm.node (kind, name) VALUES ('actor', 'Farmers'), ('institution', 'Water board'), ('indicator', 'Yield');`);
    const ids = await d.db.query<{ id: string; name: string }>(`SELECT id::text, name FROM sfm.node ORDER BY id`);
    const [farmers, board] = ids.map((r) => r.id);
    const rejects = async (sql: string, message: RegExp) => expect(d.db.exec(sql)).rejects.toThrow(message);
    await rejects(
      `INSERT INTO sfm.relationship (source_id, target_id, kind) VALUES (${farmers}, ${farmers}, 'delivers')`,
      /relationship_no_self_loop/,
    );
    await rejects(
      `INSERT INTO sfm.relationship (source_id, target_id, kind, certainty) VALUES (${farmers}, ${board}, 'delivers', 1.5)`,
      /certainty_check|numeric field overflow/,
    );
    await rejects(`INSERT INTO sfm.node (kind, name, properties) VALUES ('actor', 'X', '[1]')`, /properties_check/);
    await rejects(`INSERT INTO sfm.node (kind, name) VALUES ('no_such_kind', 'X')`, /node_kind_fkey/);
    await rejects(`INSERT INTO sfm.node (kind, name) VALUES ('actor', 'farmers')`, /node_name_unique/);
    await d.db.exec(
      `INSERT INTO sfm.relationship (source_id, target_id, kind, weight, certainty) VALUES (${farmers}, ${board}, 'delivers', 2.5, 0.8)`,
    );
    await rejects(
      `INSERT INTO sfm.relationship (source_id, target_id, kind) VALUES (${farmers}, ${board}, 'delivers')`,
      /relationship_once_per_slice/,
    );
    expect(
      await one(
        d,
        `SELECT delivering, receiving, relationship_kind, weight::text, certainty::text FROM sfm.delivery_matrix`,
      ),
    ).toEqual({
      delivering: 'Farmers',
      receiving: 'Water board',
      relationship_kind: 'delivers',
      weight: '2.500000',
      certainty: '0.800',
    });

    const before = await one(d, `SELECT updated_at FROM sfm.node WHERE id = ${farmers}`);
    await d.db.exec(`BEGIN; UPDATE sfm.node SET description = 'growers' WHERE id = ${farmers}; COMMIT;`);
    const after = await one(d, `SELECT updated_at FROM sfm.node WHERE id = ${farmers}`);
    expect((after?.['updated_at'] as Date | undefined)?.getTime()).toBeGreaterThan(
      (before?.['updated_at'] as Date | undefined)?.getTime() ?? Infinity,
    );
    expect(
      await one(
        d,
        `SELECT action, row_id, old_row->>'description' AS old, new_row->>'description' AS new FROM sfm.audit_log WHERE table_name = 'node' AND action = 'UPDATE'`,
      ),
    ).toEqual({ action: 'UPDATE', row_id: farmers, old: null, new: 'growers' });
  });
});
