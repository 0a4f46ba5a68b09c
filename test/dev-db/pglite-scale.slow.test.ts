// The embedded dev database (PGlite) at 1,000 tables (issue 26, item 3): a proven first plan, then a proven plan of a
// one-column edit over that history. Before the fix the first failed in the proof's down step ("out of shared memory":
// dropping 1,000 tables in one transaction outgrew a lock table sized for 100 backends a single-user engine never
// has), and the second on a 300 KB statement PGlite refused ("unnamed prepared statement does not exist").
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planMigration } from '../../src/index.js';
import { peerSchemaStatements } from '../../bench/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'sfm-pglite-1000-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the embedded dev database at 1,000 tables', () => {
  it('proves the first plan and a one-column edit over its history', async () => {
    const schema = join(dir, 'schema');
    const migrationsDir = join(dir, 'migrations');
    mkdirSync(schema);
    const statements = peerSchemaStatements(1000, false);
    writeFileSync(join(schema, 'app.sql'), statements.join('\n'));
    const first = await planMigration({ schema, migrationsDir, dev: 'embedded', name: 'first' });
    expect(first.proof).toBeDefined();
    expect(first.steps.filter((s) => s.op === 'create' && s.id.startsWith('table:')).length).toBe(1000);
    expect(readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'))).toHaveLength(1);

    const edited = statements.map((s) =>
      s.replace(/^CREATE TABLE app\.t500 \(/, 'CREATE TABLE app.t500 (added text, '),
    );
    writeFileSync(join(schema, 'app.sql'), edited.join('\n'));
    const second = await planMigration({ schema, migrationsDir, dev: 'embedded', name: 'edit', write: false });
    expect(second.steps.map((s) => s.statements.join(';'))).toEqual([
      'ALTER TABLE "app"."t500" ADD COLUMN "added" text',
    ]);
    // The proof filled the 1,000 tables of the history's state and found their rows back after the down.
    expect(second.proof?.filled).toBe(1000);
  });
});
