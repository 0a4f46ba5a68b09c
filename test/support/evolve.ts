// The plan the reports are checked on: examples/evolve's v1 applied to a database, then v2 planned against it.
import { mkdtempSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, planMigration, type PlanResult } from '../../src/index.js';

const EVOLVE = join(__dirname, '..', '..', 'examples', 'evolve');

/** The evolve example's second plan: v1 applied to a database, then v2 planned against it. */
export async function evolvePlan(url: string): Promise<PlanResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-report-'));
  const schema = join(dir, 'schema');
  const migrations = join(dir, 'migrations');
  mkdirSync(schema);
  cpSync(join(EVOLVE, 'v1', 'notes.yaml'), join(schema, 'notes.yaml'));
  await planMigration({ schema, migrationsDir: migrations, url, name: 'v1' });
  await applyMigrations({ url, migrationsDir: migrations });
  cpSync(join(EVOLVE, 'v2', 'notes.yaml'), join(schema, 'notes.yaml'));
  return planMigration({ schema, migrationsDir: migrations, url, name: 'v2' });
}
