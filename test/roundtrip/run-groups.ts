// Runs groups of round-trip cases, one describe block (and one dev database) per group.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import { openServerDev, roundTrip, type RoundTripCase } from '../support/roundtrip.js';
import { ensureRole, serverMajor } from '../support/db.js';

export function runGroups(groups: Record<string, readonly RoundTripCase[]>): void {
  let major = 0;
  beforeAll(async () => {
    major = await serverMajor();
    // Grants and policies name these roles; roles belong to the server, not to one database.
    await ensureRole('sfm_reader');
    await ensureRole('sfm_writer');
  });
  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      let dev: DevDatabase;
      beforeAll(async () => {
        dev = await openServerDev();
      });
      afterAll(async () => dev?.dispose());
      for (const c of cases) {
        it(c.name, async (ctx) => {
          if (c.minServer && major < c.minServer) ctx.skip(`needs PostgreSQL ${c.minServer}; the server is ${major}`);
          await roundTrip(c, dev);
        });
      }
    });
  }
}
