// Renames as plan steps. Declared renames run first (tables, then columns) and the rest of the plan is made from
// the current state with the renames done, so the renamed objects keep their rows and everything built on them.
import { changeKey } from '../model/change-key.js';
import type { Rename } from '../model/rename.js';
import { identitySequenceRenames, renameSql, renameStepId } from '../objects/renames.js';
import type { Model } from '../model/model.js';
import type { PlanStep } from './types.js';

export { pendingRenames, renameSql } from '../objects/renames.js';

function step(r: Rename, back: boolean, current: Model, all: readonly Rename[]): PlanStep {
  const { kind, id } = renameStepId(r, back);
  const sql = (b: boolean) => [renameSql(r, b), ...identitySequenceRenames(r, b, current, all)];
  return {
    key: changeKey.rename(id),
    op: 'alter',
    kind,
    id,
    statements: sql(back),
    reverse: sql(!back),
    // Running clients still use the old name: that is for the operator to allow.
    hazards: ['CORRECTNESS'],
    nonTransactional: false,
  };
}

/** Up: the renames first. Down: the rest undone first, then the renames back (columns before their tables). Keys
 * and indexes named after the old table come along in the rest of the plan, as renames (see diff's pairRenames). */
export function renameSteps(renames: readonly Rename[], current: Model): { up: PlanStep[]; down: PlanStep[] } {
  return {
    up: renames.map((r) => step(r, false, current, renames)),
    down: [...renames].reverse().map((r) => step(r, true, current, renames)),
  };
}
