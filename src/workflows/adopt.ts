// Adopting databases that already exist: `baseline` writes a live schema as the first migration and records it as
// applied there without running it; another database adopts the same baseline when its schema equals it; `resolve`
// marks a migration by hand after a manual fix. Each hand change is kept in sfm_schema.events (who, when, why).
import { driftBetween, describeDrift } from '../apply/drift.js';
import { readHistory } from '../apply/history.js';
import { markApplied, markRolledBack } from '../apply/mark.js';
import type { Queryable } from '../db/queryable.js';
import { schemaHash } from '../diff/hash.js';
import { ConfigError, IntegrityError, MigrationError } from '../errors.js';
import { introspect } from '../introspect/introspect.js';
import {
  readMigrations,
  requireMigrationsDir,
  verifySum,
  writeMigration,
  type MigrationFile,
} from '../migrations/directory.js';
import { parseMigration, renderMigration } from '../migrations/format.js';
import { emptyModel } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import { plan, planHazards } from '../plan/plan.js';
import { replaySections } from '../state/history-state.js';
import { createdExtensions, ensureParser, parseFile } from '../sql/parse.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { devOpener, withDev, type DevSpec } from '../dev-db/open.js';
import { withDatabase } from '../db/queryable.js';

export interface BaselineOptions {
  readonly url: string;
  readonly migrationsDir: string;
  readonly name?: string | undefined;
  readonly reason?: string | undefined;
  readonly scope?: Scope | undefined;
}

export interface BaselineResult {
  readonly migration: { readonly path: string; readonly version: string };
  /** Objects the baseline creates. */
  readonly objects: number;
  readonly toHash: string;
}

async function refuseManaged(db: Queryable, what: string): Promise<void> {
  const applied = await readHistory(db);
  if (applied.length)
    throw new ConfigError(
      `${what}: the database is already managed by sfm-schema (${applied.length} migration(s) applied)`,
    );
}

export async function baseline(o: BaselineOptions): Promise<BaselineResult> {
  const existing = readMigrations(o.migrationsDir);
  if (existing.length) {
    throw new ConfigError(
      `baseline starts a history, but ${o.migrationsDir} already holds ${existing.length} migration(s): ` +
        'adopt their baseline with `apply --baseline VERSION`, or use an empty folder',
    );
  }
  return withDatabase(o.url, async (db) => {
    await refuseManaged(db, 'baseline refused');
    const live = await introspect(db, o.scope ?? ALL_SCHEMAS);
    const p = plan(emptyModel(), live);
    const text = renderMigration(
      { from: p.fromHash, to: p.toHash, hazards: planHazards(p.steps), downHazards: planHazards(p.down) },
      p.steps,
      p.down,
    );
    const f = writeMigration(o.migrationsDir, o.name ?? 'baseline', text);
    await markApplied(db, f, 'baseline', o.reason ?? 'the schema was already there: recorded without running');
    return { migration: { path: f.path, version: f.version }, objects: p.steps.length, toHash: p.toHash };
  });
}

/**
 * `apply --baseline VERSION`: records the baseline as applied without running it, when the live schema is the one it
 * creates (by hash, or object by object after replaying it on the dev database, for servers that print the catalog
 * differently). Otherwise refuses, listing the differences.
 */
export async function adoptBaseline(
  db: Queryable,
  o: { migrationsDir: string; version: string; dev?: DevSpec | undefined; url: string; scope?: Scope | undefined },
): Promise<MigrationFile> {
  requireMigrationsDir(o.migrationsDir);
  const files = readMigrations(o.migrationsDir);
  verifySum(o.migrationsDir, files);
  const f = files.find((x) => x.version === o.version);
  if (!f) throw new ConfigError(`--baseline ${o.version}: no migration with that version in ${o.migrationsDir}`);
  await refuseManaged(db, `--baseline ${o.version} refused`);
  const m = parseMigration(f.file, f.text);
  const scope = o.scope ?? ALL_SCHEMAS;
  const live = await introspect(db, scope);
  if (m.to === undefined || schemaHash(live) !== m.to) {
    await ensureParser();
    const section = { file: f.path, sql: m.up };
    const expected = await withDev(
      devOpener(o.dev, { targetUrl: o.url })(createdExtensions(parseFile(f.path, m.up))),
      (dev) => replaySections(dev, [section], scope),
    );
    const differences = driftBetween(expected, live);
    if (differences.length) {
      throw new IntegrityError(
        `--baseline ${o.version} refused: the database is not the schema ${f.file} creates:\n  ` +
          describeDrift(differences, {
            unexpected: 'in the database, not in the baseline',
            missing: 'in the baseline, not in the database',
            changed: 'differs from the baseline',
          }).join('\n  '),
      );
    }
  }
  await markApplied(db, f, 'baseline', `adopted: the live schema equals ${f.file}`);
  return f;
}

export interface ResolveOptions {
  readonly url: string;
  readonly migrationsDir: string;
  /** Record this version as applied (its changes were made by hand). */
  readonly applied?: string | undefined;
  /** Remove this version's history row (it was undone by hand). */
  readonly rolledBack?: string | undefined;
  readonly reason: string;
}

export async function resolve(o: ResolveOptions): Promise<{ version: string; action: 'applied' | 'rolled-back' }> {
  if ((o.applied === undefined) === (o.rolledBack === undefined))
    throw new ConfigError('resolve needs exactly one of --applied VERSION or --rolled-back VERSION');
  if (!o.reason.trim()) throw new ConfigError('resolve needs --reason: why the history is changed by hand');
  return withDatabase(o.url, async (db) => {
    if (o.rolledBack !== undefined) {
      await markRolledBack(db, o.rolledBack, o.reason);
      return { version: o.rolledBack, action: 'rolled-back' as const };
    }
    requireMigrationsDir(o.migrationsDir);
    const f = readMigrations(o.migrationsDir).find((x) => x.version === o.applied);
    if (!f) throw new MigrationError(`no migration with version ${o.applied} in ${o.migrationsDir}`);
    await markApplied(db, f, 'resolve --applied', o.reason);
    return { version: f.version, action: 'applied' as const };
  });
}
