// Table-driven round trips of our own (pg-schema-diff's acceptance style): forward, re-plan empty, backward.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import { openServerDev, roundTrip } from '../support/roundtrip.js';
import { tableCases } from './cases/tables.js';
import { constraintCases } from './cases/constraints.js';
import { indexCases } from './cases/indexes.js';
import { typeAndSequenceCases } from './cases/types-sequences.js';

const GROUPS = { tables: tableCases, constraints: constraintCases, indexes: indexCases, 'types and sequences': typeAndSequenceCases };

for (const [group, cases] of Object.entries(GROUPS)) {
  describe(group, () => {
    let dev: DevDatabase;
    beforeAll(async () => { dev = await openServerDev(); });
    afterAll(async () => dev?.dispose());
    for (const c of cases) it(c.name, async () => { await roundTrip(c, dev); });
  });
}
