// The five-step round trip over the migra fixtures in ../shared/conformance (see its README).
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import type { Scope } from '../../src/objects/kind.js';
import { ensureRole } from '../support/db.js';
import { openServerDev, roundTrip } from '../support/roundtrip.js';

const ROOT = join(__dirname, '..', '..', '..', 'shared', 'conformance', 'migra');

// The pairs this project covers so far (SFM_ALL_PAIRS=1 runs every pair, to see what is missing).
const PAIRS: Record<string, Scope> = {
  collations: { excludeSchemas: [] },
  constraints: { excludeSchemas: [] },
  dependencies: { excludeSchemas: [] },
  dependencies2: { excludeSchemas: [] },
  dependencies3: { excludeSchemas: [] },
  dependencies4: { excludeSchemas: [] },
  enumdefaults: { excludeSchemas: [] },
  enumdeps: { excludeSchemas: [] },
  excludeschema: { excludeSchemas: ['excludedschema'] },
  everything: { excludeSchemas: [] },
  extversions: { excludeSchemas: [], extensionVersions: true },
  generated: { excludeSchemas: [] },
  generated_added: { excludeSchemas: [] },
  identitycols: { excludeSchemas: [] },
  inherit: { excludeSchemas: [] },
  partitioning: { excludeSchemas: [] },
  privileges: { excludeSchemas: [] },
  rls: { excludeSchemas: [] },
  rls2: { excludeSchemas: [] },
  seq: { excludeSchemas: [] },
  singleschema: { schemas: ['goodschema'], excludeSchemas: [] },
  singleschema_ext: { excludeSchemas: [] },
  triggers: { excludeSchemas: [] },
  triggers2: { excludeSchemas: [] },
  triggers3: { excludeSchemas: [] },
};

describe('migra conformance pairs', () => {
  it('finds ../shared/conformance beside the project', () => {
    expect(existsSync(ROOT), `${ROOT} is missing`).toBe(true);
  });

  let dev: DevDatabase;
  beforeAll(async () => {
    await ensureRole('schemainspect_test_role');
    dev = await openServerDev();
  });
  afterAll(async () => dev?.dispose());

  for (const [name, scope] of Object.entries(process.env['SFM_ALL_PAIRS'] ? Object.fromEntries(readdirSync(ROOT).map((d) => [d, PAIRS[d] ?? { excludeSchemas: [] }])) : PAIRS)) {
    it(name, async () => {
      const read = (f: string) => readFileSync(join(ROOT, name, f), 'utf8');
      await roundTrip({ name, before: read('a.sql'), after: read('b.sql'), scope }, dev);
    });
  }
});
