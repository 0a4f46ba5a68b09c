// What each step costs on the target: the table it works on, that table's rows and bytes there, and an estimate of
// how long the work takes (its bytes over the rate the dev database measured for that work, calibrate.ts).
import type { DbObject, Model } from '../model/model.js';
import { kindOf } from '../objects/registry.js';
import type { PlanStep, StepCost } from '../plan/types.js';
import type { Rates } from './calibrate.js';
import type { TableStats } from './stats.js';
import { formatBytes } from '../plan/cost.js';

/** The objects of both states by id (a created object is found in the desired one, a dropped in the current). */
const objectsOf = (models: readonly Model[]) =>
  new Map(models.flatMap((m) => m.objects.map((o) => [o.id, o] as const)));

/** The table a step works on, as the statistics name it: its own object, or the one its object belongs to. */
function tableOf(step: PlanStep, byId: ReadonlyMap<string, DbObject>, stats: TableStats): string | undefined {
  const o = byId.get(step.id);
  const parent = o && kindOf(o).parent?.(o);
  return [o, parent === undefined ? undefined : byId.get(parent)]
    .map((x) => (x?.schema === undefined ? undefined : `${x.schema}.${x.name}`))
    .find((name) => name !== undefined && stats.tables[name] !== undefined);
}

function workOf(step: PlanStep): Pick<StepCost, 'work' | 'blocking'> | undefined {
  if (step.hazards.includes('TABLE_REWRITE')) return { work: 'rewrite', blocking: true };
  if (step.hazards.includes('INDEX_BUILD')) return { work: 'index', blocking: !step.nonTransactional };
  if (step.statements.some((s) => / VALIDATE CONSTRAINT /.test(s))) return { work: 'scan', blocking: false };
  if (step.hazards.includes('ACCESS_EXCLUSIVE_LOCK')) return { work: 'scan', blocking: true };
  return undefined;
}

/** Whether any step does work whose cost depends on its table's size. */
export const needsRates = (steps: readonly PlanStep[]) => steps.some((s) => workOf(s) !== undefined);

/** The largest table a costed step works on (whether the rates are worth measuring). */
export function largestWorked(steps: readonly PlanStep[], models: readonly Model[], stats: TableStats): number {
  const byId = objectsOf(models);
  return Math.max(
    0,
    ...steps.map((s) => {
      const table = workOf(s) && tableOf(s, byId, stats);
      return table ? (stats.tables[table]?.bytes ?? 0) : 0;
    }),
  );
}

export function withCosts(
  steps: readonly PlanStep[],
  models: readonly Model[],
  stats: TableStats,
  rates: Rates,
): PlanStep[] {
  const byId = objectsOf(models);
  return steps.map((s) => {
    const work = workOf(s);
    const table = work && tableOf(s, byId, stats);
    const size = table ? stats.tables[table] : undefined;
    if (!work || !table || !size) return s;
    const rate = rates[work.work];
    const cost: StepCost = {
      table,
      ...size,
      ...work,
      estimateMs: Math.round(size.bytes / rate),
      basis: `${formatBytes(size.bytes)} at ${formatBytes(rate * 1000)}/s, the ${work.work} rate ${rates.where}`,
    };
    return { ...s, cost };
  });
}
