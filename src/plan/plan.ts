// A plan: the ordered steps from one model to another, each with its SQL, its reverse and its hazards.
import type { Model } from '../model/model.js';
import type { AlterObject, Change, DiffContext, Hazard, Rendered } from '../objects/kind.js';
import { changedObject } from '../objects/kind.js';
import { kindOf } from '../objects/registry.js';
import { diff, diffContext } from '../diff/diff.js';
import { schemaHash } from '../diff/hash.js';
import { sortChanges } from './graph.js';
import { renameSteps } from './renames.js';
import type { Rename } from '../model/rename.js';
import type { Plan, PlanStep } from './types.js';

export type { Plan, PlanStep } from './types.js';

function invert(change: Change, inverse: DiffContext): Change[] {
  if (change.op === 'create') return [{ ...change, op: 'drop', key: `drop:${change.id}`, after: [], before: change.after }];
  if (change.op === 'drop') return [{ ...change, op: 'create', key: `create:${change.id}`, after: change.before, before: [], implied: false }];
  if (change.action.type === 'rename') {
    return [{ ...change, id: change.from.id, key: `alter:${change.from.id}:rename`, from: change.to, to: change.from }];
  }
  const back = kindOf(change.to).compare(change.to, change.from, inverse);
  if (back === 'recreate') return [];
  return back.filter((b: AlterObject) => b.action.type === change.action.type);
}

function toSteps(changes: readonly Change[], ctx: DiffContext, inverse: DiffContext): PlanStep[] {
  return sortChanges(changes)
    .filter((c) => !c.implied)
    .flatMap((c) => {
      const r = kindOf(changedObject(c)).render(c, ctx);
      const reverse = invert(c, inverse).flatMap((i) => allStatements(kindOf(changedObject(i)).render(i, inverse)));
      // Follow-up phases (VALIDATE after NOT VALID, …) are steps of their own; the first one carries the reverse.
      return [r, ...(r.followUps ?? [])].map((part, n): PlanStep => ({
        key: n === 0 ? c.key : `${c.key}#${n + 1}`, op: c.op, kind: c.kind, id: c.id, statements: part.statements,
        reverse: n === 0 ? reverse : [], hazards: part.hazards, nonTransactional: part.nonTransactional ?? false,
        ...(part.checks?.length ? { checks: part.checks } : {}),
        ...(part.hazards.includes('DELETES_DATA') ? { irreversible: 'the reverse restores the structure, not the deleted data' } : {}),
      }));
    })
    .filter((s) => s.statements.length > 0);
}

const allStatements = (r: Rendered): string[] => [...r.statements, ...(r.followUps ?? []).flatMap(allStatements)];

export function plan(from: Model, to: Model): Plan {
  const ctx = diffContext(from, to);
  const inverse = diffContext(to, from);
  return {
    fromHash: schemaHash(from),
    toHash: schemaHash(to),
    steps: toSteps(diff(from, to), ctx, inverse),
    down: toSteps(diff(to, from), inverse, ctx),
  };
}

export function planHazards(steps: readonly PlanStep[]): Hazard[] {
  return [...new Set(steps.flatMap((s) => s.hazards))].sort();
}

/** A plan whose first steps are the declared renames: `base` is `current` with them done (see state/renamed). */
export function planWithRenames(current: Model, base: Model, to: Model, renames: readonly Rename[]): Plan {
  const rest = plan(base, to);
  const r = renameSteps(renames);
  return { fromHash: schemaHash(current), toHash: rest.toHash, steps: [...r.up, ...rest.steps], down: [...rest.down, ...r.down] };
}
