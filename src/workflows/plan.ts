// plan: the desired state against the live target (with a URL) or the migration history; writes a migration.
import { loadDesired, readDesired, type DesiredSource } from '../desired/desired.js';
import { ConfigError } from '../errors.js';
import { introspect } from '../introspect/introspect.js';
import { nextVersion, writeMigration } from '../migrations/directory.js';
import { renderMigration } from '../migrations/format.js';
import type { Model } from '../model/model.js';
import type { Hazard, Scope } from '../objects/kind.js';
import { kindOf } from '../objects/registry.js';
import { archiveSchemaFor, plan, planHazards, planWithRenames, type PlanStep } from '../plan/plan.js';
import { pendingRenames } from '../plan/renames.js';
import { historyExtensions, replayHistory } from '../state/history-state.js';
import { renamedState } from '../state/renamed.js';
import { checkPreconditions } from '../prove/checks.js';
import { provePlan, readFuture, type DataDependentFailure, type ObservedHazard } from '../prove/prove.js';
import { ALL_SCHEMAS, devOpener, since, withDatabase, withDev, type DevSpec } from './common.js';

export interface PlanOptions {
  /** Desired-state file or folder. */
  readonly schema: string;
  /** Migration folder: the history to plan from (without `url`), and where the migration is written. */
  readonly migrationsDir: string;
  /** Plan from this live database instead of the history. */
  readonly url?: string | undefined;
  readonly dev?: DevSpec | undefined;
  readonly scope?: Scope | undefined;
  /** Write the migration file (default true); false is a dry run. */
  readonly write?: boolean | undefined;
  /** Name of the migration (slugified). */
  readonly name?: string | undefined;
  /** Plan even when the schema path declares nothing while the current state has data-holding objects. */
  readonly allowEmptySchema?: boolean | undefined;
  /** `archive` (default): dropped tables and columns move to the migration's archive schema, and rollback brings
   * them back; `delete`: they are dropped (DELETES_DATA). */
  readonly drops?: DropMode | undefined;
  /** Prove the plan on the dev database before writing it (default true): see prove/prove.ts. */
  readonly prove?: boolean | undefined;
}

export type DropMode = 'archive' | 'delete';

export interface PlanTimings {
  readonly currentMs: number;
  readonly desiredMs: number;
  readonly planMs: number;
  readonly proofMs: number;
  readonly totalMs: number;
}

export interface PlanResult {
  readonly from: 'database' | 'history';
  readonly fromHash: string;
  readonly toHash: string;
  readonly steps: readonly PlanStep[];
  readonly down: readonly PlanStep[];
  readonly hazards: readonly Hazard[];
  readonly downHazards: readonly Hazard[];
  /** Where the desired SQL ran. */
  readonly devDatabase: string;
  /** The file written, when there were steps and `write` was not false. */
  readonly migration?: { readonly path: string; readonly version: string; readonly text: string };
  /** Both states as read: what the plan was made from and what it leads to. */
  readonly models: { readonly current: Model; readonly desired: Model };
  readonly timings: PlanTimings;
  /** The proof, when the plan has steps and proving was not turned off. */
  readonly proof?: ProofSummary;
}

export interface ProofSummary {
  readonly durationMs: number;
  /** Tables that held sample rows, and the ones that could not be filled (named, with why). */
  readonly filled: number;
  readonly skipped: readonly { readonly table: string; readonly reason: string }[];
  /** Hazards the proof saw that the steps had not declared (added to them). */
  readonly observed: readonly ObservedHazard[];
  /** A step refused the sample rows (it fails on rows like them): proven again on empty tables, marked CORRECTNESS. */
  readonly refusedRows?: DataDependentFailure;
}

/** An empty schema folder against a state holding data is almost always a wrong path: the plan would drop it all. */
function refuseEmptyDesired(o: PlanOptions, desired: DesiredSource, current: Model, from: string): void {
  if (o.allowEmptySchema || desired.sources.some((s) => s.statements.length > 0)) return;
  const holding = current.objects.filter((x) => kindOf(x).recreatable === false).length;
  if (holding === 0) return;
  throw new ConfigError(`the schema path ${o.schema} declares nothing, but ${from} has ${holding} table(s): ` +
    'the plan would drop everything. Pass --allow-empty-schema if that is what you want');
}

export async function planMigration(o: PlanOptions): Promise<PlanResult> {
  const started = performance.now();
  const scope = o.scope ?? ALL_SCHEMAS;
  const desired = await readDesired(o.schema);
  const extensions = [...desired.extensions, ...(o.url ? [] : await historyExtensions(o.migrationsDir))];
  // A live target is read first: an unreachable one fails before a dev database is started.
  let t = performance.now();
  const live = o.url ? await withDatabase(o.url, (db) => introspect(db, scope)) : undefined;
  return withDev(devOpener(o.dev, { targetUrl: o.url })(extensions), async (dev) => {
    const current = live ?? (await replayHistory(dev, o.migrationsDir, scope));
    const currentMs = since(t);
    refuseEmptyDesired(o, desired, current, o.url ? 'the target database' : 'the migration history');
    t = performance.now();
    const wanted = await loadDesired(dev, desired, scope);
    const proving = o.prove !== false;
    const future = proving ? await readFuture(dev.db, scope) : new Map();
    const desiredMs = since(t);
    t = performance.now();
    const renames = pendingRenames(current, wanted, desired.renames ?? []);
    const version = nextVersion(o.migrationsDir);
    const settings = { archiveSchema: (o.drops ?? 'archive') === 'archive' ? archiveSchemaFor(version) : undefined };
    let p = renames.length
      ? planWithRenames(current, await renamedState(dev, current, renames, scope, false), wanted, renames, settings)
      : plan(current, wanted, settings);
    await checkPreconditions(dev.db, p.steps, p.down);
    const planMs = since(t);
    t = performance.now();
    let proof: ProofSummary | undefined;
    if (proving && p.steps.length > 0) {
      const r = await provePlan({
        dev, scope, current, desired: wanted, plan: p, future, renames,
        build: o.url ? { type: 'model' } : { type: 'history', migrationsDir: o.migrationsDir },
      });
      p = { ...p, steps: r.steps, down: r.down };
      proof = {
        durationMs: r.durationMs, filled: r.sampling.filled.length, skipped: r.sampling.skipped, observed: r.observed,
        ...(r.refusedRows ? { refusedRows: r.refusedRows } : {}),
      };
    }
    const proofMs = since(t);
    const hazards = planHazards(p.steps);
    const downHazards = planHazards(p.down);
    let migration: PlanResult['migration'];
    if (p.steps.length > 0 && o.write !== false) {
      const text = renderMigration({ from: p.fromHash, to: p.toHash, hazards, downHazards }, p.steps, p.down);
      const f = writeMigration(o.migrationsDir, o.name ?? 'schema_change', text, new Date(), version);
      migration = { path: f.path, version: f.version, text };
    }
    return {
      from: o.url ? 'database' : 'history', fromHash: p.fromHash, toHash: p.toHash, steps: p.steps, down: p.down,
      hazards, downHazards, devDatabase: dev.description, ...(migration ? { migration } : {}), models: { current, desired: wanted },
      timings: { currentMs, desiredMs, planMs, proofMs, totalMs: since(started) }, ...(proof ? { proof } : {}),
    };
  });
}
