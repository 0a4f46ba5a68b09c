// diff: the steps that turn one state into another (two databases, a history, desired files, in any pairing).
import type { DevDatabase } from '../dev-db/types.js';
import type { Hazard } from '../model/hazard.js';
import type { Scope } from '../model/scope.js';
import { archiveSchemaFor, plan, planHazards, type PlanStep } from '../plan/plan.js';
import { coverageOf, requireCoverage, type Coverage } from '../plan/coverage.js';
import { utcStamp } from '../migrations/directory.js';
import type { DropMode } from './plan.js';
import { devOpener, type DevSpec } from '../dev-db/open.js';
import { parseSource, prepareState, sourceUrl, type PreparedState, type StateSource } from '../state/sources.js';

export interface DiffOptions {
  readonly from: StateSource | string;
  readonly to: StateSource | string;
  readonly dev?: DevSpec | undefined;
  readonly scope?: Scope | undefined;
  /** Config file for `env:` sources. */
  readonly config?: string | undefined;
  /** As for plan (default archive, under a version stamped now). */
  readonly drops?: DropMode | undefined;
  /** Objects of kinds sfm-schema does not manage, on either side, are an error instead of a warning. */
  readonly strictCoverage?: boolean | undefined;
}

export interface DiffResult {
  readonly steps: readonly PlanStep[];
  readonly down: readonly PlanStep[];
  readonly hazards: readonly Hazard[];
  readonly fromHash: string;
  readonly toHash: string;
  /** What each side holds that no kind manages (never in the steps). */
  readonly unmanaged: Coverage;
}

/** Both values, or the first failure once neither read is still running (the dev database is disposed after). */
function settled<T>([a, b]: PromiseSettledResult<T>[]): [T, T] {
  if (a?.status === 'rejected') throw a.reason;
  if (b?.status === 'rejected') throw b.reason;
  return [(a as PromiseFulfilledResult<T>).value, (b as PromiseFulfilledResult<T>).value];
}

export async function diff(o: DiffOptions): Promise<DiffResult> {
  const sides = [o.from, o.to].map((s) => (typeof s === 'string' ? parseSource(s) : s));
  const protectedUrls = sides.flatMap((s) => sourceUrl(s, o.config) ?? []);
  const common = { ...(o.scope ? { scope: o.scope } : {}), ...(o.config ? { config: o.config } : {}) };
  // Every input is checked before a database is opened; only sides that need a dev database open one.
  const prepared = [];
  for (const s of sides) prepared.push(await prepareState(s, common));
  const extensions = prepared.flatMap((p) => p.extensions);
  let dev: Promise<DevDatabase> | undefined;
  const getDev = () => (dev ??= devOpener(o.dev, { protectedUrls })(extensions));
  try {
    const [a, b] = prepared as [PreparedState, PreparedState];
    // Two live databases (or one and a dev database) are read at once; one dev database serves one load at a time.
    const [from, to] =
      a.usesDev && b.usesDev
        ? [await a.read(getDev), await b.read(getDev)]
        : settled(await Promise.allSettled([a.read(getDev), b.read(getDev)]));
    const unmanaged = coverageOf(from, to);
    if (o.strictCoverage) requireCoverage(unmanaged, { from: 'from', to: 'to' });
    const p = plan(from, to, {
      archiveSchema: (o.drops ?? 'archive') === 'archive' ? archiveSchemaFor(utcStamp(new Date())) : undefined,
    });
    return {
      steps: p.steps,
      down: p.down,
      hazards: planHazards(p.steps),
      unmanaged,
      get fromHash() {
        return p.fromHash;
      },
      get toHash() {
        return p.toHash;
      },
    };
  } finally {
    await dev?.then(
      (d) => d.dispose(),
      () => undefined,
    );
  }
}
