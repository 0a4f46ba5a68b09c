// Table-driven round trips of our own (pg-schema-diff's acceptance style): forward, re-plan empty, backward.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import { openServerDev, roundTrip } from '../support/roundtrip.js';
import { tableCases } from './cases/tables.js';
import { constraintCases } from './cases/constraints.js';
import { indexCases } from './cases/indexes.js';
import { typeAndSequenceCases } from './cases/types-sequences.js';
import { viewCases } from './cases/views.js';
import { functionCases } from './cases/functions.js';
import { triggerCases } from './cases/triggers.js';
import { userTypeCases } from './cases/types.js';
import { securityCases } from './cases/security.js';
import { partitionCases } from './cases/partitions.js';
import { mixedCases } from './cases/mixed.js';
import { ensureRole } from '../support/db.js';

const GROUPS = {
  tables: tableCases, constraints: constraintCases, indexes: indexCases, 'types and sequences': typeAndSequenceCases,
  views: viewCases, functions: functionCases, triggers: triggerCases, 'domains, composites, ranges, extensions': userTypeCases,
  'grants and row-level security': securityCases, 'partitions, inheritance, options, comments': partitionCases,
  'across kinds': mixedCases,
};

beforeAll(async () => {
  await ensureRole('sfm_reader');
  await ensureRole('sfm_writer');
});

for (const [group, cases] of Object.entries(GROUPS)) {
  describe(group, () => {
    let dev: DevDatabase;
    beforeAll(async () => { dev = await openServerDev(); });
    afterAll(async () => dev?.dispose());
    for (const c of cases) it(c.name, async () => { await roundTrip(c, dev); });
  });
}
