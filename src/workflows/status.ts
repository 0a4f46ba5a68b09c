// status: applied, pending, partial and mismatched migrations, and drift.
import { status as historyStatus, type StatusRow } from '../apply/apply.js';
import { detectDrift, type DriftItem } from '../apply/drift.js';
import { openMigrationDir, requireMigrationsDir } from '../migrations/directory.js';
import { parseMigration } from '../migrations/format.js';
import { introspect, introspectUnmanaged } from '../introspect/introspect.js';
import type { UnmanagedObject } from '../model/model.js';
import { schemaHash } from '../diff/hash.js';
import { versionSchema } from '../model/online.js';
import { kindOf } from '../objects/registry.js';
import { listArchives, type Archive } from '../apply/archives.js';
import type { Scope } from '../model/scope.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { devOpener, type DevSpec } from '../dev-db/open.js';
import { withDatabase, type Queryable } from '../db/queryable.js';

export type { StatusRow } from '../apply/apply.js';

export interface StatusOptions {
  readonly url: string;
  readonly migrationsDir: string;
  /** Compare the database with its replayed history (default true). */
  readonly drift?: boolean | undefined;
  readonly dev?: DevSpec | undefined;
  readonly scope?: Scope | undefined;
  /** A database not managed yet, with migrations pending: list its differences from the history too. */
  readonly verbose?: boolean | undefined;
  /** Objects of kinds sfm-schema does not manage make the status not ok. */
  readonly strictCoverage?: boolean | undefined;
}

/** A database that holds tables but no history while migrations are pending: not drift, an adoption to make. */
interface Unadopted {
  readonly tables: number;
  /** The newest migration whose state is this database's schema (by hash): `apply --baseline` it. */
  readonly baseline?: string;
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
  /** Set when nothing was applied here, migrations are pending, and the database holds tables already. */
  readonly unadopted?: Unadopted;
  /** What the database holds that no kind manages: no migration creates, changes or checks it. */
  readonly unmanaged: readonly UnmanagedObject[];
  /** Online migrations waiting for their contract: the schemas of views the new application version puts first in
   * its search_path, newest first (docs/zero-downtime.md). */
  readonly versionSchemas: readonly string[];
}

export async function status(o: StatusOptions): Promise<StatusResult> {
  requireMigrationsDir(o.migrationsDir);
  return withDatabase(o.url, async (db) => {
    const migrations = await historyStatus(db, o.migrationsDir);
    const managed = migrations.length > 0;
    const pendingOnly = managed && migrations.every((r) => r.state === 'pending');
    const unadopted = pendingOnly ? await adoption(db, o) : undefined;
    const drift =
      o.drift === false || !managed || (unadopted && !o.verbose)
        ? undefined
        : await detectDrift(db, o.migrationsDir, devOpener(o.dev, { targetUrl: o.url }), o.scope ?? ALL_SCHEMAS);
    const unmanaged = await introspectUnmanaged(db, o.scope ?? ALL_SCHEMAS);
    const ok =
      !(o.strictCoverage && unmanaged.length > 0) &&
      !migrations.some((r) => r.state === 'mismatch' || r.state === 'missing-file' || r.state === 'altered') &&
      (drift?.length ?? 0) === 0 &&
      !unadopted;
    const archives = await listArchives(db);
    return {
      migrations,
      ...(drift ? { drift } : {}),
      managed,
      ok,
      archives,
      ...(unadopted ? { unadopted } : {}),
      unmanaged,
      versionSchemas: migrations
        .filter((m) => m.state === 'expanded')
        .map((m) => versionSchema(m.version))
        .reverse(),
    };
  });
}

/** Tables here, no history, and migrations that do not start from this schema: the newest migration whose recorded
 * state it is, if any. */
async function adoption(db: Queryable, o: StatusOptions): Promise<Unadopted | undefined> {
  const live = await introspect(db, o.scope ?? ALL_SCHEMAS);
  const tables = live.objects.filter((x) => kindOf(x).recreatable === false).length;
  if (tables === 0) return undefined;
  const hash = schemaHash(live);
  const files = openMigrationDir(o.migrationsDir).files();
  const headers = files.map((f) => ({ f, m: parseMigration(f.file, f.text) }));
  // The first migration starts from this very schema (planned from it): applying is all there is to do.
  if (headers[0]?.m.from === hash) return undefined;
  const match = headers.filter(({ m }) => m.to === hash).at(-1)?.f;
  return { tables, ...(match ? { baseline: match.version } : {}) };
}
