// plan: the desired state against the current state (a live target with a URL, else the migration history), made
// into steps, rehearsed on the dev database and written as a migration. A repeated plan with nothing changed is
// answered from the cache of loaded states without a dev database.
import { readCustomScripts, readSourceFiles } from '../desired/files.js';
import { customStep } from '../plan/custom.js';
import { ConfigError, PlanError } from '../errors.js';
import { withDatabase } from '../db/queryable.js';
import type { DevDatabase } from '../dev-db/types.js';
import { calibrate, MEASURED_FROM_BYTES, TYPICAL_RATES } from '../impact/calibrate.js';
import { largestWorked, needsRates, withCosts } from '../impact/cost.js';
import { overLimits } from '../impact/limits.js';
import { describeCost } from '../plan/cost.js';
import { loadStats, readStats } from '../impact/stats.js';
import type { Scope } from '../model/scope.js';
import type { PlanStep } from '../plan/types.js';
import { openMigrationDir } from '../migrations/directory.js';
import { renderMigration } from '../migrations/format.js';
import type { Model } from '../model/model.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { kindOf } from '../objects/registry.js';
import { archiveSchemaFor, plan, planHazards, planWithRenames, type Plan, type PlanSettings } from '../plan/plan.js';
import { pendingRenames } from '../plan/renames.js';
import { planOnline } from '../plan/online.js';
import { coverageOf, refuseDropsUnder, requireCoverage, type Coverage } from '../plan/coverage.js';
import { checkPreconditions } from '../rehearse/checks.js';
import { provePlan, readDesiredCatalog, type ProofResult } from '../rehearse/prove.js';
import { openPlanStates, type LoadedDesired } from '../state/plan-states.js';
import { renamedState } from '../state/renamed.js';
import { since } from './common.js';
import { readHistory } from '../apply/history.js';
import type { PlanOptions, PlanResult, ProofSummary } from './plan-types.js';

export type { PlanOptions, PlanSources, PlanOutput, PlanResult, PlanTimings, DropMode } from './plan-types.js';

export async function planMigration(o: PlanOptions): Promise<PlanResult> {
  const started = performance.now();
  const scope = o.scope ?? ALL_SCHEMAS;
  const dir = openMigrationDir(o.migrationsDir);
  const files = readSourceFiles(o.schema);
  const custom = readCustomScripts(o.schema);
  if (o.url) await checkTarget(o.url, Boolean(o.online));
  const current = o.url ? { type: 'database' as const, url: o.url } : { type: 'history' as const, dir };
  const cache = o.cacheDir !== undefined ? { dir: o.cacheDir, readOnly: o.write === false } : undefined;
  const states = await openPlanStates({ current, files, custom, scope, dev: o.dev, cache });
  const run = await customStep(
    custom,
    dir.files().map((f) => f.text),
  );
  const from = states.from;
  const version = dir.nextVersion();
  const settings: PlanSettings = {
    archiveSchema: (o.drops ?? 'archive') === 'archive' ? archiveSchemaFor(version) : undefined,
  };

  // Nothing changed since the last run: both states come from the cache and no dev database is opened.
  const hit = states.cached;
  if (hit && !run && pendingRenames(hit.current, hit.desired.model, hit.desired.renames).length === 0) {
    refuseEmptyDesired(o, hit.desired, hit.current, from);
    const coverage = checkedCoverage(o, from, hit.current, hit.desired.model);
    const p = plan(hit.current, hit.desired.model, settings);
    if (p.steps.length === 0) {
      const timings = { currentMs: since(started), desiredMs: 0, planMs: 0, proofMs: 0, totalMs: since(started) };
      return {
        ...result(from, p, undefined),
        unmanaged: coverage,
        devDatabase: 'none (states from the cache)',
        timings,
        models: { current: hit.current, desired: hit.desired.model },
      };
    }
  }

  const proving = o.prove !== false;
  const readCatalog = proving ? readDesiredCatalog : async () => ({ future: new Map() });
  return states.load(
    (db) => readCatalog(db, scope),
    async ({ current, desired, desiredCatalog, currentMs, desiredMs }, dev) => {
      refuseEmptyDesired(o, desired, current, from);
      const coverage = checkedCoverage(o, from, current, desired.model);
      let t = performance.now();
      const renames = pendingRenames(current, desired.model, desired.renames);
      const renamed = renames.length ? await renamedState(dev, current, renames, scope) : current;
      let placedPlan: Plan | undefined;
      const inPlace = () =>
        (placedPlan ??= renames.length
          ? planWithRenames(current, renamed, desired.model, renames, settings)
          : plan(current, desired.model, settings));
      const goOnline = () => planOnline(current, renamed, desired.model, renames, settings, version, inPlace());
      const models = [desired.model, current];
      // In place, with its cost where the target's sizes are known: said beside an online plan, and what decides
      // `online: auto` (the online form when the in-place one is over the config's limits).
      const sizes = o.stats !== undefined || Boolean(o.url);
      const placed = o.online && sizes ? await sized(o, scope, dev, models, inPlace().steps) : undefined;
      const over = o.online === 'auto' && placed && o.limits ? overLimits(placed, o.limits) : [];
      const online = o.online === true || over.length ? await goOnline().catch(keepInPlace(o.online)) : undefined;
      const diffed: Plan = online ?? inPlace();
      // The _custom/ scripts run last, on the objects the steps made (plan/custom.ts).
      const planned = run ? { ...diffed, steps: [...diffed.steps, run] } : diffed;
      refuseDropsUnder(current, planned.steps);
      await checkPreconditions(dev.db, planned.steps, planned.down);
      const planMs = since(t);
      t = performance.now();
      const build = from === 'database' ? { type: 'model' as const } : { type: 'history' as const, dir };
      const proof =
        proving && planned.steps.length > 0
          ? await provePlan({
              dev,
              scope,
              current,
              desired: desired.model,
              plan: planned,
              ...desiredCatalog,
              renames,
              build,
            })
          : undefined;
      const proven = proof
        ? {
            ...planned,
            steps: proof.steps,
            down: proof.down,
            ...(proof.downExpanded ? { downExpanded: proof.downExpanded } : {}),
          }
        : planned;
      const proofMs = since(t);
      const p = { ...proven, steps: await costed(o, scope, dev, [desired.model, current], proven.steps) };
      const out = {
        ...result(from, p, proof),
        ...(online
          ? {
              online: online.online,
              downExpanded: p.downExpanded ?? [],
              inPlace: (placed ?? []).flatMap((s) => (s.cost?.blocking ? [describeCost(s.cost)] : [])),
              ...(over.length ? { onlineBecause: over } : {}),
            }
          : {}),
      };
      let migration: PlanResult['migration'];
      if (p.steps.length > 0 && o.write !== false) {
        const text = renderMigration(
          {
            from: p.fromHash,
            to: p.toHash,
            hazards: out.hazards,
            downHazards: out.downHazards,
            ...(p.downExpanded ? { downExpandedHazards: planHazards(p.downExpanded) } : {}),
          },
          p.steps,
          p.down,
          p.downExpanded,
        );
        const f = dir.write(o.name ?? 'schema_change', text, new Date(), version);
        migration = { path: f.path, version: f.version, text };
        // Proven, the history with this migration replays to the desired state: the next plan need not replay it.
        if (proof) states.remember(proof.reached);
      }
      return {
        ...out,
        unmanaged: coverage,
        devDatabase: dev.description,
        ...(migration ? { migration } : {}),
        models: { current, desired: desired.model },
        timings: { currentMs, desiredMs, planMs, proofMs, totalMs: since(started) },
      };
    },
  );
}

/** A target halfway through an online migration holds both shapes of its tables: a plan from it would undo the
 * expand (the history knows the state the migration leads to). An online plan needs PostgreSQL 15. */
async function checkTarget(url: string, online: boolean): Promise<void> {
  const { expanded, major } = await withDatabase(url, async (db) => ({
    expanded: (await readHistory(db)).filter((h) => h.phase === 'expanded'),
    major: Math.floor(Number((await db.query<{ v: string }>(`SHOW server_version_num`))[0]?.v ?? 0) / 10000),
  }));
  // The version schema's views are security_invoker (PostgreSQL 15).
  if (online && major > 0 && major < 15)
    throw new PlanError(
      `online migrations need PostgreSQL 15 or later; the target runs ${major}: plan without --online`,
    );
  if (expanded.length)
    throw new PlanError(
      `the target waits for the contract of ${expanded.map((h) => `${h.version}_${h.name}`).join(', ')}: plan from the ` +
        `migration history (without --url), or run apply --contract first`,
    );
}

/** `online: auto` falls back to the in-place plan where the online one is refused (whose limits then say why). */
const keepInPlace = (mode: PlanOptions['online']) => (err: unknown) => {
  if (mode === 'auto' && err instanceof PlanError) return undefined;
  throw err;
};

/** The steps with their cost on the target; undefined when its sizes are not known. */
async function sized(
  o: PlanOptions,
  scope: Scope,
  dev: DevDatabase,
  models: readonly Model[],
  steps: readonly PlanStep[],
): Promise<PlanStep[] | undefined> {
  if (o.stats === undefined && !o.url) return undefined;
  if (!needsRates(steps)) return [...steps];
  const stats =
    o.stats !== undefined ? loadStats(o.stats) : await withDatabase(o.url ?? '', (db) => readStats(db, scope));
  const rates =
    largestWorked(steps, models, stats) >= MEASURED_FROM_BYTES
      ? await calibrate(dev.db, `the dev database, ${dev.description}`)
      : TYPICAL_RATES;
  return withCosts(steps, models, stats, rates);
}

/** The steps with their cost on the target, when its sizes are known; refused over the config's limits. */
async function costed(
  o: PlanOptions,
  scope: Scope,
  dev: DevDatabase,
  models: readonly Model[],
  steps: readonly PlanStep[],
): Promise<readonly PlanStep[]> {
  const sizedSteps = await sized(o, scope, dev, models, steps);
  if (!sizedSteps) return steps;
  const over = o.limits && !o.allowOverLimits ? overLimits(sizedSteps, o.limits) : [];
  if (over.length)
    throw new PlanError(
      `the plan is over the limits of the config (--allow-over-limits plans it anyway; nothing was written):\n  ` +
        over.join('\n  '),
    );
  return sizedSteps;
}

/** What both states hold that no kind manages; an error under strict coverage. */
function checkedCoverage(o: PlanOptions, from: PlanResult['from'], current: Model, desired: Model): Coverage {
  const coverage = coverageOf(current, desired);
  if (o.strictCoverage) requireCoverage(coverage, { from: FROM_SIDE[from], to: 'the desired state' });
  return coverage;
}

const FROM_SIDE = { database: 'the target database', history: 'the migration history' } as const;

/** What a plan says, whichever way its states came. */
function result(from: PlanResult['from'], p: Plan, proof: ProofResult | undefined) {
  return {
    from,
    fromHash: p.fromHash,
    toHash: p.toHash,
    steps: p.steps,
    down: p.down,
    hazards: planHazards(p.steps),
    downHazards: planHazards(p.down),
    ...(proof ? { proof: proofSummary(proof) } : {}),
  };
}

function proofSummary(r: ProofResult): ProofSummary {
  return {
    durationMs: r.durationMs,
    filled: r.sampling.filled.length,
    skipped: r.sampling.skipped,
    observed: r.observed,
    notWritten: r.notWritten.map(({ table, message }) => ({ table, message })),
    ...(r.refusedRows ? { refusedRows: r.refusedRows } : {}),
  };
}

/** An empty schema folder against a state holding data is almost always a wrong path: the plan would drop it all. */
function refuseEmptyDesired(o: PlanOptions, desired: LoadedDesired, current: Model, from: PlanResult['from']): void {
  if (o.allowEmptySchema || desired.declares) return;
  const holding = current.objects.filter((x) => kindOf(x).recreatable === false).length;
  if (holding === 0) return;
  const state = from === 'database' ? 'the target database' : 'the migration history';
  throw new ConfigError(
    `the schema path ${o.schema} declares nothing, but ${state} has ${holding} table(s): ` +
      'the plan would drop everything. Pass --allow-empty-schema if that is what you want',
  );
}
