#!/usr/bin/env node
// The library without the CLI: plan a schema folder against a live database and print the steps as JSON.
// Usage: node examples/api/plan-steps.mjs SCHEMA_PATH DATABASE_URL
import { planMigration, SfmError } from 'sfm-schema';

const [schema = 'schema', url = process.env.DATABASE_URL] = process.argv.slice(2);
try {
  // write: false plans without writing a migration file; the result is typed data, nothing is printed.
  const plan = await planMigration({ schema, url, migrationsDir: 'generated-migrations', write: false });
  const steps = plan.steps.map((s) => ({ id: s.id, sql: s.statements, reverse: s.reverse, hazards: s.hazards }));
  process.stdout.write(`${JSON.stringify({ hazards: plan.hazards, steps, ms: plan.timings.totalMs }, null, 2)}\n`);
} catch (err) {
  if (!(err instanceof SfmError)) throw err;
  process.stderr.write(`error: ${err.message}\n`);
  process.exitCode = 1;
}
