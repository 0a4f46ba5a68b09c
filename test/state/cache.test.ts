// The cache of loaded states (issue 9): a repeated plan with nothing changed opens no dev database; any change of
// the files, the history or the scope is a miss; a damaged entry is a miss.
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, planMigration } from '../../src/index.js';
import { cacheKey, openStateCache } from '../../src/state/cache.js';
import { useDatabases } from '../support/db.js';
import { runCli } from '../support/cli.js';

const database = useDatabases();
const CACHED = 'none (states from the cache)';

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-cache-'));
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'schema', 'a.sql'), 'CREATE TABLE t (id int PRIMARY KEY);');
  return { dir, schema: join(dir, 'schema'), migrations: join(dir, 'migrations'), cacheDir: join(dir, '.sfm-cache') };
}

describe('the state cache', () => {
  it('answers a repeated plan from the history without a dev database, and misses on any change', async () => {
    const p = project();
    const base = { schema: p.schema, migrationsDir: p.migrations, cacheDir: p.cacheDir, dev: 'embedded' };
    const first = await planMigration({ ...base, name: 'first' });
    expect(first.steps.length).toBeGreaterThan(0);
    const again = await planMigration(base);
    expect(again.devDatabase).toBe(CACHED);
    expect(again.steps).toEqual([]);
    expect(again.toHash).toBe(first.toHash);

    writeFileSync(join(p.schema, 'a.sql'), 'CREATE TABLE t (id int PRIMARY KEY, note text);');
    const changed = await planMigration({ ...base, write: false });
    expect(changed.devDatabase).not.toBe(CACHED);
    expect(changed.steps.flatMap((s) => s.statements)).toContain('ALTER TABLE "public"."t" ADD COLUMN "note" text');

    const other = await planMigration({ ...base, write: false, scope: { excludeSchemas: ['x'] } });
    expect(other.devDatabase, 'another scope is another key').not.toBe(CACHED);
  }, 120_000);

  it('answers from the live target without a dev database when the desired files did not change', async () => {
    const p = project();
    const d = await database();
    const base = { schema: p.schema, migrationsDir: p.migrations, cacheDir: p.cacheDir, url: d.url };
    await planMigration(base);
    await applyMigrations({ url: d.url, migrationsDir: p.migrations });
    const again = await planMigration(base);
    expect(again.devDatabase).toBe(CACHED);
    expect(again.steps).toEqual([]);
    // The target changed behind the cache's back: it is read live every time, so the plan sees it.
    await d.db.exec('ALTER TABLE t ADD COLUMN extra int');
    const drifted = await planMigration({ ...base, write: false });
    expect(drifted.steps.flatMap((s) => s.statements)).toContain('ALTER TABLE "public"."t" DROP COLUMN "extra"');
  });

  it('treats a damaged or foreign entry as a miss', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfm-cache-'));
    const cache = openStateCache(dir);
    const key = cacheKey(['a', { y: 1, x: 2 }]);
    expect(key).toBe(cacheKey(['a', { x: 2, y: 1 }]));
    cache.set(key, { n: 1 });
    expect(cache.get(key)).toEqual({ n: 1 });
    writeFileSync(join(dir, `${key}.json`), '{"key": "something else", "value": 2}');
    expect(cache.get(key)).toBeUndefined();
    writeFileSync(join(dir, `${key}.json`), '{ broken');
    expect(cache.get(key)).toBeUndefined();
  });

  it('plan --no-cache loads both states afresh; the CLI caches in .sfm-cache/', async () => {
    const p = project();
    await runCli(['plan', '--dev-url', 'embedded', '--name', 'one'], { cwd: p.dir });
    // The empty history, the desired state, and the history with the new migration (the state its proof reached).
    expect(readdirSync(join(p.dir, '.sfm-cache')).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    const fast = await runCli(['plan', '--dev-url', 'embedded', '--json', '--exit-code'], { cwd: p.dir });
    expect(JSON.parse(fast.stdout).changes).toBe(0);
    const fresh = await runCli(['plan', '--dev-url', 'embedded', '--exit-code', '--no-cache'], { cwd: p.dir });
    expect(fresh.code).toBe(0);
  }, 120_000);
});
