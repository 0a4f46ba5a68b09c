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
  openMigrationDir,
  readMigrations,
  requireMigrationsDir,
  writeMigration,
  type MigrationFile,
} from '../migrations/directory.js';
import { parseMigration, renderMigration } from '../migrations/format.js';
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
  /** Where the state of a fresh database is read (default: beside the target, else embedded). */
  readonly dev?: DevSpec | undefined;
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
  const scope = o.scope ?? ALL_SCHEMAS;
  return withDatabase(o.url, async (db) => {
    await refuseManaged(db, 'baseline refused');
    const live = await introspect(db, scope);
    // From what a new database of the server holds (its public schema and grants), not from nothing: the down then
    // gives back exactly a database before the objects, and `verify` starts where the baseline starts.
    const fresh = await withDev(devOpener(o.dev, { targetUrl: o.url })([]), async (dev) => {
      await dev.reset();
      return introspect(dev.db, scope);
    });
    const p = plan(fresh, live);
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
  const dir = openMigrationDir(o.migrationsDir);
  const f = dir.files().find((x) => x.version === o.version);
  if (!f) throw new ConfigError(`--baseline ${o.version}: no migration with that version in ${o.migrationsDir}`);
  await refuseManaged(db, `--baseline ${o.version} refused`);
  // The baseline and every migration before it: the live schema must be the state they lead to.
  const upTo = dir.files().filter((x) => x.version <= o.version);
  const m = parseMigration(f.file, f.text);
  const scope = o.scope ?? ALL_SCHEMAS;
  const live = await introspect(db, scope);
  if (m.to === undefined || schemaHash(live) !== m.to) {
    await ensureParser();
    const sections = upTo.map((x) => ({ file: x.path, sql: parseMigration(x.file, x.text).up }));
    const extensions = sections.flatMap((s) => createdExtensions(parseFile(s.file, s.sql)));
    const expected = await withDev(devOpener(o.dev, { targetUrl: o.url })(extensions), (dev) =>
      replaySections(dev, sections, scope),
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
  for (const x of upTo) {
    const why =
      x === f ? `the live schema equals ${f.file}` : `the live schema holds what it creates (before ${f.file})`;
    await markApplied(db, x, 'baseline', `adopted: ${why}`);
  }
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
