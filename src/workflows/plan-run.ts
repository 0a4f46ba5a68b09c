// The full path of the plan workflow: both states loaded on a dev database, planned, checked, proven, written.
import { loadDesired, parseDesired, type DesiredSource } from '../desired/desired.js';
import type { SourceFile } from '../desired/files.js';
import type { StateCache } from '../cache/state-cache.js';
import { historyFiles, writeMigration, nextVersion } from '../migrations/directory.js';
import { renderMigration } from '../migrations/format.js';
import type { Model } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import { plan, planHazards, planWithRenames, type PlanSettings } from '../plan/plan.js';
import { pendingRenames } from '../plan/renames.js';
import { historyExtensions, replayHistory } from '../state/history-state.js';
import { renamedState } from '../state/renamed.js';
import { checkPreconditions } from '../prove/checks.js';
import { provePlan, readDesiredCatalog } from '../prove/prove.js';
import { devOpener, since, withDev } from './common.js';
import {
  refuseEmptyDesired,
  type CachedDesired,
  type PlanOptions,
  type PlanResult,
  type ProofSummary,
} from './plan-shared.js';

export interface PlanRun {
  readonly o: PlanOptions;
  readonly scope: Scope;
  readonly files: readonly SourceFile[];
  readonly early: DesiredSource | undefined;
  readonly live: Model | undefined;
  readonly cache: StateCache | undefined;
  readonly desiredKey: string;
  readonly historyKey: string;
  readonly historyKeyOf: (files: readonly string[]) => string;
  readonly settingsFor: (version: string) => PlanSettings;
  readonly started: number;
  readonly t: number;
}

export async function runPlan({
  o,
  scope,
  files,
  early,
  live,
  cache,
  desiredKey,
  historyKey,
  historyKeyOf,
  settingsFor,
  started,
  t: t0,
}: PlanRun): Promise<PlanResult> {
  let t = t0;
  const desired = early ?? (await parseDesired(files));
  const extensions = [...desired.extensions, ...(o.url ? [] : await historyExtensions(o.migrationsDir))];
  return withDev(devOpener(o.dev, { targetUrl: o.url })(extensions), async (dev) => {
    const current = live ?? (await replayHistory(dev, o.migrationsDir, scope));
    if (!live && cache) cache.set(historyKey, current);
    const currentMs = since(t);
    const declares = desired.sources.some((s) => s.statements.length > 0);
    refuseEmptyDesired(o, declares, current, o.url ? 'the target database' : 'the migration history');
    t = performance.now();
    const wanted = await loadDesired(dev, desired, scope);
    cache?.set(desiredKey, { model: wanted, renames: desired.renames ?? [], declares } satisfies CachedDesired);
    const proving = o.prove !== false;
    const desiredCatalog = proving ? await readDesiredCatalog(dev.db, scope) : { future: new Map() };
    const desiredMs = since(t);
    t = performance.now();
    const renames = pendingRenames(current, wanted, desired.renames ?? []);
    const version = nextVersion(o.migrationsDir);
    const settings = settingsFor(version);
    let p = renames.length
      ? planWithRenames(current, await renamedState(dev, current, renames, scope), wanted, renames, settings)
      : plan(current, wanted, settings);
    await checkPreconditions(dev.db, p.steps, p.down);
    const planMs = since(t);
    t = performance.now();
    let proof: ProofSummary | undefined;
    let reached: Model | undefined;
    if (proving && p.steps.length > 0) {
      const r = await provePlan({
        dev,
        scope,
        current,
        desired: wanted,
        plan: p,
        ...desiredCatalog,
        renames,
        build: o.url ? { type: 'model' } : { type: 'history', migrationsDir: o.migrationsDir },
      });
      p = { ...p, steps: r.steps, down: r.down };
      reached = r.reached;
      proof = {
        durationMs: r.durationMs,
        filled: r.sampling.filled.length,
        skipped: r.sampling.skipped,
        observed: r.observed,
        notWritten: r.notWritten.map(({ table, message }) => ({ table, message })),
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
      // Proven, the history with this migration replays to the desired state: the next plan need not replay it.
      if (cache && !live && reached) cache.set(historyKeyOf(historyFiles(o.migrationsDir)), reached);
    }
    return {
      from: o.url ? 'database' : 'history',
      fromHash: p.fromHash,
      toHash: p.toHash,
      steps: p.steps,
      down: p.down,
      hazards,
      downHazards,
      devDatabase: dev.description,
      ...(migration ? { migration } : {}),
      models: { current, desired: wanted },
      timings: { currentMs, desiredMs, planMs, proofMs, totalMs: since(started) },
      ...(proof ? { proof } : {}),
    };
  });
}
