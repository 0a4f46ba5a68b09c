// The five-step round trip over the migra fixtures of an external corpus (../shared/conformance in CI, see its
// README), found through SFM_CONFORMANCE_DIR. Without it the suite is skipped with one line saying so; .ci/run sets
// it and requires the corpus.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import type { Scope } from '../../src/model/scope.js';
import { ensureRole } from '../support/db.js';
import { openServerDev, roundTrip, type RoundTripCase } from '../support/roundtrip.js';

const DIR = process.env['SFM_CONFORMANCE_DIR'];
const ROOT = DIR ? join(DIR, 'migra') : '';
if (!DIR)
  process.stdout.write('conformance: SFM_CONFORMANCE_DIR is not set, so the external conformance pairs are skipped\n');

// Every pair runs; these are the options migra's own tests used for the special ones (see the README there).
const OPTIONS: Record<string, Scope> = {
  excludeschema: { excludeSchemas: ['excludedschema'] },
  singleschema: { schemas: ['goodschema'], excludeSchemas: [] },
  extversions: { excludeSchemas: [], extensionVersions: true },
};
/** Rows put into a pair's `a` first, and new rows written after apply and after the rollback (issue 22: the pair
 * `seq` narrows one table's sequence and swaps which sequence each table owns). */
const fresh = (table: string) => ({ table, column: 'id', insert: `INSERT INTO ${table} DEFAULT VALUES RETURNING id` });
const DATA: Record<string, Pick<RoundTripCase, 'rows' | 'writes'>> = {
  seq: {
    rows: {
      insert:
        'INSERT INTO test DEFAULT VALUES; INSERT INTO test DEFAULT VALUES; INSERT INTO test2 DEFAULT VALUES; INSERT INTO test2 DEFAULT VALUES;',
      query:
        'SELECT (SELECT array_agg(id ORDER BY id) FROM test) AS test, (SELECT array_agg(id ORDER BY id) FROM test2) AS test2',
    },
    writes: { after: [fresh('test'), fresh('test2')], before: [fresh('test'), fresh('test2')] },
  },
};
/** Pairs that cannot pass with PGlite as the dev database (the version matrix's PGlite run), and why. */
const NOT_ON_PGLITE: Record<string, string> = {
  collations:
    "an ICU collation reads back from PGlite's own ICU build with other attributes than from the server, so the plan wants to re-create it under a table",
};
const PAIRS = existsSync(ROOT)
  ? readdirSync(ROOT)
      .filter((d) => existsSync(join(ROOT, d, 'a.sql')))
      .sort()
  : [];

describe.skipIf(!DIR)('migra conformance pairs', () => {
  it('finds the corpus named by SFM_CONFORMANCE_DIR', () => {
    expect(existsSync(ROOT), `${ROOT} is missing`).toBe(true);
  });

  let dev: DevDatabase;
  beforeAll(async () => {
    await ensureRole('schemainspect_test_role');
    dev = await openServerDev();
  });
  afterAll(async () => dev?.dispose());

  it('has all 26 migra pairs', () => {
    expect(PAIRS).toHaveLength(26);
  });

  for (const name of PAIRS) {
    const scope = OPTIONS[name] ?? { excludeSchemas: [] };
    it(name, async (ctx) => {
      if (process.env['SFM_TEST_DEV'] === 'embedded' && NOT_ON_PGLITE[name])
        ctx.skip(`on PGlite: ${NOT_ON_PGLITE[name]}`);
      const read = (f: string) => readFileSync(join(ROOT, name, f), 'utf8');
      await roundTrip({ name, before: read('a.sql'), after: read('b.sql'), scope, ...DATA[name] }, dev);
    });
  }
});
