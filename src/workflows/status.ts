// status: applied, pending, partial and mismatched migrations, and drift.
import { status as historyStatus, type StatusRow } from '../apply/apply.js';
import { detectDrift, type DriftItem } from '../apply/drift.js';
import { requireMigrationsDir } from '../migrations/directory.js';
import { listArchives, type Archive } from '../apply/archives.js';
import type { Scope } from '../model/scope.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { devOpener, type DevSpec } from '../dev-db/open.js';
import { withDatabase } from '../db/queryable.js';

export type { StatusRow } from '../apply/apply.js';

export interface StatusOptions {
  readonly url: string;
  readonly migrationsDir: string;
  /** Compare the database with its replayed history (default true). */
  readonly drift?: boolean | undefined;
  readonly dev?: DevSpec | undefined;
  readonly scope?: Scope | undefined;
}

export interface StatusResult {
  readonly migrations: readonly StatusRow[];
  /** Absent when the drift check was skipped. */
  readonly drift?: readonly DriftItem[];
  /** False when nothing was ever applied here and nothing is pending: a database sfm-schema does not manage yet
   * (not drift: adopt it with `baseline`). */
  readonly managed: boolean;
  /** False when a file was changed or removed after it was applied, a history row was altered, or the database
   * drifted. */
  readonly ok: boolean;
  /** What `drops: archive` kept: one schema per migration, with its size (`purge` removes them). */
  readonly archives: readonly Archive[];
}

export async function status(o: StatusOptions): Promise<StatusResult> {
  requireMigrationsDir(o.migrationsDir);
  return withDatabase(o.url, async (db) => {
    const migrations = await historyStatus(db, o.migrationsDir);
    const managed = migrations.length > 0;
    const drift =
      o.drift === false || !managed
        ? undefined
        : await detectDrift(db, o.migrationsDir, devOpener(o.dev, { targetUrl: o.url }), o.scope ?? ALL_SCHEMAS);
    const ok =
      !migrations.some((r) => r.state === 'mismatch' || r.state === 'missing-file' || r.state === 'altered') &&
      (drift?.length ?? 0) === 0;
    return { migrations, ...(drift ? { drift } : {}), managed, ok, archives: await listArchives(db) };
  });
}
