// The embedded dev database (PGlite, PostgreSQL 18) and the server under test (18, or 15 in CI's second run)
// must read the same schema into the same model: no difference that is only a server's way of printing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDevDatabase, type DevDatabase } from '../../src/dev-db/dev-db.js';
import { loadDesired, readDesired } from '../../src/desired/desired.js';
import { introspect } from '../../src/introspect/introspect.js';
import { plan } from '../../src/plan/plan.js';
import { createDatabase } from '../support/db.js';

const QUICKSTART = join(__dirname, '..', '..', 'examples', 'quickstart-sql', 'schema');

describe('PGlite and the server agree', () => {
  let dev: DevDatabase;
  beforeAll(async () => {
    dev = await openDevDatabase({ devUrl: 'embedded', extensions: [] });
  });
  afterAll(async () => dev?.dispose());

  it('plans nothing between the quickstart loaded on PGlite and on the server', async () => {
    const desired = await readDesired(QUICKSTART);
    const wanted = await loadDesired(dev, desired, { excludeSchemas: [] });
    const target = await createDatabase(readFileSync(join(QUICKSTART, 'shop.sql'), 'utf8'));
    try {
      const p = plan(await introspect(target.db, { excludeSchemas: [] }), wanted);
      expect(p.steps.map((s) => s.statements)).toEqual([]);
      expect(p.fromHash).toBe(p.toHash);
    } finally {
      await target.drop();
    }
  });
});
