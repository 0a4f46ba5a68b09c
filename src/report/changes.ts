// What a plan changes, as a reviewer looks at it: the tables (views, enums) it adds, changes or drops, each change of
// an index, key, trigger, comment … counted against the table it belongs to.
import type { DbObject, Model, ObjectId } from '../model/model.js';
import { kindOf } from '../objects/registry.js';
import type { PlanStep } from '../plan/types.js';
import type { Mark } from '../erd/graph.js';

const DRAWN = new Set(['table', 'view', 'enum']);

/** The drawn object an object belongs to: itself, or its parent's (an index's table, a comment's target). */
function drawnOwner(id: ObjectId, byId: ReadonlyMap<ObjectId, DbObject>): ObjectId | undefined {
  for (let current: ObjectId | undefined = id, n = 0; current !== undefined && n < 5; n++) {
    const o = byId.get(current);
    if (!o) return undefined;
    if (DRAWN.has(o.kind)) return o.id;
    current = kindOf(o).parent?.(o);
  }
  return undefined;
}

export interface PlanPicture {
  /** Every object of both states, the dropped ones included. */
  readonly model: Model;
  readonly marks: ReadonlyMap<ObjectId, Mark>;
}

export function planPicture(current: Model, desired: Model, steps: readonly PlanStep[]): PlanPicture {
  const before = new Map(current.objects.map((o) => [o.id, o]));
  const after = new Map(desired.objects.map((o) => [o.id, o]));
  const both = new Map([...before, ...after]);
  const marks = new Map<ObjectId, Mark>();
  for (const s of steps) {
    const owner = drawnOwner(s.id, both);
    if (!owner) continue;
    const mark: Mark = !before.has(owner) ? 'added' : !after.has(owner) ? 'dropped' : 'changed';
    if (!marks.has(owner) || mark !== 'changed') marks.set(owner, mark);
  }
  return {
    model: { ...desired, objects: [...desired.objects, ...current.objects.filter((o) => !after.has(o.id))] },
    marks,
  };
}
