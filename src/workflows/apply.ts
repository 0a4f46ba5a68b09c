// apply, rollback and restore against a target database.
import { apply, rollback as rollbackHistory, status as historyStatus, type AppliedMigration } from '../apply/apply.js';
import { detectDrift, describeDrift } from '../apply/drift.js';
import { DEFAULT_LOCK_WAIT_MS, readProgress, withLock } from '../apply/history.js';
import type { RunSettings } from '../exec/settings.js';
import { backupDatabase, restoreDatabase } from '../backup/backup.js';
import { connect, type Queryable } from '../db/queryable.js';
import { sharesServerConnections } from '../db/pooler.js';
import { ConfigError, IntegrityError } from '../errors.js';
import { requireMigrationsDir } from '../migrations/directory.js';
import type { Hazard } from '../model/hazard.js';
import type { Scope } from '../model/scope.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { devOpener, type DevSpec } from '../dev-db/open.js';
import { since } from './common.js';
import { withDatabase } from '../db/queryable.js';
import { adoptBaseline } from './adopt.js';

export type { AppliedMigration } from '../apply/apply.js';

/** The database a run changes and the migrations it runs. */
export interface ApplyTarget {
  readonly url: string;
  readonly migrationsDir: string;
  /** Where the history is replayed when the drift check needs it. */
  readonly dev?: DevSpec | undefined;
  readonly scope?: Scope | undefined;
}

/** What a run may do that is refused by default. */
export interface ApplySafety {
  /** Hazards the pending migrations may carry (default: none). */
  readonly allowHazards?: readonly Hazard[] | 'all';
  /** Apply although the database differs from what its applied migrations made. */
  readonly allowDrift?: boolean | undefined;
  /** Apply although applied migration files or the sum file changed. */
  readonly allowModified?: boolean | undefined;
  /** Write a pg_dump -Fc backup first (only when something will run). */
  readonly backup?: { readonly dir: string; readonly pgBin?: string | undefined } | undefined;
}

/** How statements run: timeouts, retries, the lock wait, the pooler probe. */
export interface ApplyRunning {
  /** Lock and statement timeouts, retries, and an event callback for progress. */
  readonly run?: Partial<RunSettings> | undefined;
  /** How long to wait for another run's lock before giving up (default 60 s). */
  readonly lockWaitMs?: number | undefined;
  /** Probe for a pooler that shares server connections (default true): see db/pooler.ts. */
  readonly detectPooler?: boolean | undefined;
}

/** Which migrations: up to `to`, after adopting `baseline`; `dryRun` prints instead. */
export interface ApplyRange {
  /** Run the contract of online migrations (docs/zero-downtime.md), those expanded before first. */
  readonly contract?: boolean | undefined;
  /** Apply up to and including this version. */
  readonly to?: string | undefined;
  readonly dryRun?: boolean | undefined;
  /** Adopt this baseline version first: record it and the migrations before it as applied when the live schema is
   * the state they lead to. */
  readonly baseline?: string | undefined;
}

export type ApplyOptions = ApplyTarget & ApplySafety & ApplyRunning & ApplyRange;

export interface ApplyResult {
  readonly applied: readonly AppliedMigration[];
  readonly dryRun: boolean;
  readonly backupFile?: string;
  /** The baseline recorded as applied (without running it). */
  readonly adopted?: string;
  /** The connection went through a pooler that shares server connections: the lock was held in a transaction. */
  readonly pooled?: boolean;
  readonly durationMs: number;
}

/** Refuses to apply over a schema changed by hand. An interrupted run is resumed without the check: its finished
 * segments are not in the history yet. */
async function refuseDrift(o: ApplyOptions, db: Queryable): Promise<void> {
  if (o.allowDrift) return;
  if ((await readProgress(db)).length > 0) return;
  const drift = await detectDrift(db, o.migrationsDir, devOpener(o.dev, { targetUrl: o.url }), o.scope ?? ALL_SCHEMAS);
  if (drift.length) {
    throw new IntegrityError(
      `refusing to apply: the database differs from what its applied migrations made (use --allow-drift):\n  ` +
        `${describeDrift(drift).join('\n  ')}`,
    );
  }
}

export async function applyMigrations(o: ApplyOptions): Promise<ApplyResult> {
  const started = performance.now();
  requireMigrationsDir(o.migrationsDir);
  const wait = o.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  // Drift is checked under the lock: another run's commits between reading the history and the catalog would
  // otherwise look like drift.
  return withDatabase(o.url, async (db) => {
    const pooled = await poolerOf(o, db);
    return withLock(
      db,
      async () => {
        const adopted =
          o.baseline !== undefined && !o.dryRun
            ? (
                await adoptBaseline(db, {
                  migrationsDir: o.migrationsDir,
                  version: o.baseline,
                  dev: o.dev,
                  url: o.url,
                  scope: o.scope,
                })
              ).version
            : undefined;
        const pending = (await historyStatus(db, o.migrationsDir)).some(
          (r) => r.state === 'pending' || r.state === 'partial',
        );
        // With nothing pending there is nothing to protect: a database is not refused for what it holds.
        if (pending) await refuseDrift(o, db);
        let backupFile: string | undefined;
        // A backup only when something will run, before anything runs, so a failed dump changes nothing.
        if (o.backup && !o.dryRun && pending) {
          backupFile = await backupDatabase(db, o.url, o.backup.dir, 'before-apply', o.backup.pgBin);
        }
        const applied = await apply(db, {
          migrationsDir: o.migrationsDir,
          allowHazards: o.allowHazards ?? [],
          dryRun: o.dryRun ?? false,
          lockWaitMs: wait,
          allowModified: o.allowModified ?? false,
          ...(o.to ? { to: o.to } : {}),
          ...(o.contract ? { contract: true } : {}),
          run: { ...o.run, pooled: pooled.pooled },
          lockHeld: true,
        });
        return {
          applied,
          dryRun: o.dryRun ?? false,
          ...(backupFile ? { backupFile } : {}),
          ...(adopted ? { adopted } : {}),
          durationMs: since(started),
          pooled: pooled.pooled,
        };
      },
      wait,
      pooled.lockOn,
    );
  });
}

/** Through a pooler that shares server connections, the lock is held in a transaction on a second connection and
 * no session SET is sent (see db/pooler.ts); directly, the session lock of this connection. */
async function poolerOf(
  o: { readonly url: string; readonly detectPooler?: boolean | undefined },
  db: Queryable,
): Promise<{ pooled: boolean; lockOn?: () => Promise<Queryable> }> {
  if (o.detectPooler === false || !(await sharesServerConnections(o.url, db))) return { pooled: false };
  return { pooled: true, lockOn: () => connect(o.url, 'migration lock') };
}

/** Which migrations a rollback undoes, on which database. */
export interface RollbackRange {
  readonly url: string;
  /** Roll back every migration newer than this version (`0`: all). */
  readonly to?: string | undefined;
  /** Roll back the last N migrations. */
  readonly steps?: number | undefined;
  readonly dryRun?: boolean | undefined;
}

export type RollbackOptions = RollbackRange &
  Pick<ApplySafety, 'allowHazards'> &
  Pick<ApplyRunning, 'run' | 'lockWaitMs'>;

export interface RollbackResult {
  readonly rolledBack: readonly AppliedMigration[];
  readonly dryRun: boolean;
  readonly durationMs: number;
}

export async function rollback(o: RollbackOptions): Promise<RollbackResult> {
  const started = performance.now();
  if (o.steps !== undefined && (!Number.isInteger(o.steps) || o.steps < 1))
    throw new ConfigError(`--steps must be a positive integer, got ${o.steps}`);
  return withDatabase(o.url, async (db) => {
    const pooled = await poolerOf(o, db);
    const rolledBack = await rollbackHistory(db, {
      allowHazards: o.allowHazards ?? [],
      dryRun: o.dryRun ?? false,
      ...(o.lockWaitMs !== undefined ? { lockWaitMs: o.lockWaitMs } : {}),
      ...(o.to !== undefined ? { to: o.to } : {}),
      ...(o.steps !== undefined ? { steps: o.steps } : {}),
      run: { ...o.run, pooled: pooled.pooled },
      ...(pooled.lockOn ? { lockOn: pooled.lockOn } : {}),
    });
    return { rolledBack, dryRun: o.dryRun ?? false, durationMs: since(started) };
  });
}

export async function restoreBackup(o: {
  readonly url: string;
  readonly file: string;
  readonly pgBin?: string | undefined;
}): Promise<{ restored: string }> {
  await withDatabase(o.url, (db) => restoreDatabase(db, o.url, o.file, o.pgBin));
  return { restored: o.file };
}
