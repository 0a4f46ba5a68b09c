// Runs groups of round-trip cases, one describe block (and one dev database) per group.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import { openServerDev, roundTrip, type RoundTripCase } from '../support/roundtrip.js';
import { ensureRole } from '../support/db.js';

export function runGroups(groups: Record<string, readonly RoundTripCase[]>): void {
  beforeAll(async () => {
    // Grants and policies name these roles; roles belong to the server, not to one database.
    await ensureRole('sfm_reader');
    await ensureRole('sfm_writer');
  });
  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      let dev: DevDatabase;
      beforeAll(async () => { dev = await openServerDev(); });
      afterAll(async () => dev?.dispose());
      for (const c of cases) it(c.name, async () => { await roundTrip(c, dev); });
    });
  }
}
