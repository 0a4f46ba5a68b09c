// verify: every migration replayed on the dev database: up, down (back to the state before), up again.
import { openMigrationDir, requireMigrationsDir } from '../migrations/directory.js';
import type { Scope } from '../model/scope.js';
import { historyExtensions } from '../state/history-state.js';
import { verifyMigrations, type VerifyResult } from '../rehearse/verify.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { devOpener, withDev, type DevSpec } from '../dev-db/open.js';

export type { VerifyResult } from '../rehearse/verify.js';

export interface VerifyOptions {
  readonly migrationsDir: string;
  readonly dev?: DevSpec | undefined;
  /** A server on which a temporary dev database may be created (same version as the target). */
  readonly url?: string | undefined;
  readonly scope?: Scope | undefined;
}

export interface VerifyReport {
  readonly devDatabase: string;
  readonly migrations: readonly VerifyResult[];
  readonly failed: number;
}

export async function verify(o: VerifyOptions): Promise<VerifyReport> {
  requireMigrationsDir(o.migrationsDir);
  const dir = openMigrationDir(o.migrationsDir);
  const extensions = await historyExtensions(dir);
  return withDev(devOpener(o.dev, { targetUrl: o.url })(extensions), async (dev) => {
    const migrations = await verifyMigrations(dev, dir, o.scope ?? ALL_SCHEMAS);
    return { devDatabase: dev.description, migrations, failed: migrations.filter((r) => !r.ok).length };
  });
}
