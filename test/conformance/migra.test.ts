// The five-step round trip over the migra fixtures in ../shared/conformance (see its README).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import type { Scope } from '../../src/objects/kind.js';
import { ensureRole } from '../support/db.js';
import { openServerDev, roundTrip } from '../support/roundtrip.js';

const ROOT = join(__dirname, '..', '..', '..', 'shared', 'conformance', 'migra');

// The pairs this project covers so far; more arrive with the object-kinds issue.
const PAIRS: Record<string, Scope> = {
  collations: { excludeSchemas: [] },
  constraints: { excludeSchemas: [] },
  enumdefaults: { excludeSchemas: [] },
  excludeschema: { excludeSchemas: ['excludedschema'] },
  generated: { excludeSchemas: [] },
  generated_added: { excludeSchemas: [] },
  identitycols: { excludeSchemas: [] },
  seq: { excludeSchemas: [] },
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

  for (const [name, scope] of Object.entries(PAIRS)) {
    it(name, async () => {
      const read = (f: string) => readFileSync(join(ROOT, name, f), 'utf8');
      await roundTrip({ name, before: read('a.sql'), after: read('b.sql'), scope }, dev);
    });
  }
});
