// Objects of kinds sfm-schema does not manage (introspect/coverage.ts): named on every command that reads a state,
// an error under strict coverage, and never left to break or vanish under a plan's drop.
import { CoverageError, PlanError } from '../errors.js';
import type { Model, UnmanagedObject } from '../model/model.js';
import type { PlanStep } from './types.js';

/** What each side holds that no kind manages: `from` is the state planned from, `to` the one planned to. */
export interface Coverage {
  readonly from: readonly UnmanagedObject[];
  readonly to: readonly UnmanagedObject[];
  /** What the desired state's `_custom/` scripts make: run as written, never diffed; on the `from` side these are
   * not counted as unmanaged. */
  readonly custom: readonly UnmanagedObject[];
}

export const describeUnmanaged = (u: UnmanagedObject): string => `${u.type} ${u.identity}`;

export function coverageOf(from: Model, to: Model): Coverage {
  const custom = to.custom ?? [];
  const made = new Set(custom.map(describeUnmanaged));
  return {
    from: (from.unmanaged ?? []).filter((u) => !made.has(describeUnmanaged(u))),
    to: to.unmanaged ?? [],
    custom,
  };
}

/** Under strict coverage (`--strict-coverage`, config `strictCoverage: true`): one error naming every such object. */
export function requireCoverage(coverage: Coverage, sides: { readonly from: string; readonly to: string }): void {
  const named = [
    ...coverage.from.map((u) => `${sides.from}: ${describeUnmanaged(u)}`),
    ...coverage.to.map((u) => `${sides.to}: ${describeUnmanaged(u)}`),
  ];
  if (named.length === 0) return;
  throw new CoverageError(
    `${named.length} object(s) of kinds sfm-schema does not manage (strict coverage; nothing was written):\n  ` +
      named.join('\n  '),
    [...coverage.from, ...coverage.to].map(describeUnmanaged),
  );
}

/** A plan that drops what an unmanaged object of the current state depends on would fail at apply (a normal
 * dependency) or take the object along unasked (an automatic one): refused, naming both. */
export function refuseDropsUnder(current: Model, steps: readonly PlanStep[]): void {
  const dropped = new Set(steps.filter((s) => s.op === 'drop').map((s) => s.id));
  const hits = (current.unmanaged ?? []).flatMap((u) =>
    u.dependsOn
      .filter((id) => dropped.has(id))
      .map((id) => `${id} is dropped, and ${describeUnmanaged(u)} depends on it`),
  );
  if (hits.length === 0) return;
  throw new PlanError(
    `the plan drops objects that objects sfm-schema does not manage depend on (the drop would fail, or take them ` +
      `along); drop or change those by hand first, or leave what they use in the desired state:\n  ${hits.join('\n  ')}`,
  );
}
