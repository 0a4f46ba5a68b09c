// Writes the migration files that a build of sfm-schema plans for fixed inputs, so that two builds can be compared
// byte for byte (issue 21: a refactor must not change what `plan` writes). For every conformance pair: a database
// built from a.sql planned to b.sql (the live-target path), and b.sql planned from an empty history (the history
// path); then the SFM schema planned from an empty history and from the repository's own history.
// Usage: npx tsx scripts/plan-golden.ts <checkout root> <out dir> <server url> [conformance dir]
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const [root, out, url, conformance = '../shared/conformance'] = process.argv.slice(2);
if (!root || !out || !url)
  throw new Error('usage: plan-golden.ts <checkout root> <out dir> <server url> [conformance]');
const api = await import(resolve(root, 'src/index.ts'));
const SCOPES: Record<string, object> = {
  excludeschema: { excludeSchemas: ['excludedschema'] },
  singleschema: { schemas: ['goodschema'], excludeSchemas: [] },
  extversions: { excludeSchemas: [], extensionVersions: true },
};

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query('DO $$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object THEN END $$');
const dbUrl = (name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
async function freshDb(name: string, sql?: string): Promise<string> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  if (sql) {
    const c = new pg.Client({ connectionString: dbUrl(name) });
    await c.connect();
    await c.query(sql);
    await c.end();
  }
  return dbUrl(name);
}

/** Timestamps in versions and archive schema names differ between runs; nothing else may. */
const normal = (text: string) =>
  text.replace(/sfm_archive_\d{14}/g, 'sfm_archive_V').replace(/^-- (version|created):.*$/gm, '-- $1: V');

async function planTo(label: string, options: Record<string, unknown>): Promise<void> {
  const migrations = mkdtempSync(join(tmpdir(), 'golden-'));
  if (typeof options['history'] === 'string') cpSync(options['history'], migrations, { recursive: true });
  delete options['history'];
  const dev = await freshDb('golden_dev');
  try {
    const r = await api.planMigration({ migrationsDir: migrations, dev, ...options });
    writeFileSync(join(out, `${label}.sql`), r.migration ? normal(r.migration.text) : '-- no changes\n');
  } catch (err) {
    writeFileSync(join(out, `${label}.error`), `${(err as Error).message}\n`);
  } finally {
    rmSync(migrations, { recursive: true, force: true });
  }
}

mkdirSync(out, { recursive: true });
const pairs = join(conformance, 'migra');
for (const name of readdirSync(pairs).sort()) {
  const read = (f: string) => readFileSync(join(pairs, name, f), 'utf8');
  let a: string;
  try {
    a = read('a.sql');
  } catch {
    continue;
  }
  const scope = SCOPES[name] ?? { excludeSchemas: [] };
  const target = await freshDb('golden_target', a);
  const schema = mkdtempSync(join(tmpdir(), 'golden-schema-'));
  writeFileSync(join(schema, 'b.sql'), read('b.sql'));
  await planTo(`${name}.target`, { schema, url: target, scope });
  await planTo(`${name}.history`, { schema, scope });
  rmSync(schema, { recursive: true, force: true });
  process.stdout.write(`${name} `);
}
await planTo('sfm.initial', { schema: join(root, 'schema') });
await planTo('sfm.history', { schema: join(root, 'schema'), history: join(root, 'generated-migrations') });
await admin.query('DROP DATABASE IF EXISTS golden_target WITH (FORCE)');
await admin.query('DROP DATABASE IF EXISTS golden_dev WITH (FORCE)');
await admin.end();
process.stdout.write('\n');
