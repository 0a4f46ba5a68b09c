// The vocabulary of ordering. A change says which resources it needs, which it provides and which it releases;
// the plan's graph (plan/graph.ts) runs a change after every change that provides what it needs, and before every
// change that releases what it needs. Resources are named by the builders below only.
//
// Resources of the state a plan leads to are provided by changes (an object's create, the alter that gives it its
// new shape); resources of the state a plan starts from are there at the start and released by changes (a drop, an
// alter that changes what dependents see). A need of a target object that nothing provides must be satisfied by the
// current state (plan/graph.ts says so as an error otherwise); the other resources are conditions that hold
// unless a change of the plan provides or releases them.
import type { ObjectId } from './model.js';

export type Resource = `${ResourceFamily}:${string}`;

export type ResourceFamily =
  | 'exists'
  | 'shape'
  | 'was'
  | 'was-shape'
  | 'unaltered'
  | 'name'
  | 'attached'
  | 'detached'
  | 'children';

/** Families whose edges between two changes of one object are not drawn: an object's own changes are ordered by
 * their operations (drop, then create, then alter). */
const OWN_ORDERED: ReadonlySet<ResourceFamily> = new Set(['exists', 'shape', 'was', 'was-shape', 'unaltered', 'name']);

export const resource = {
  /** The object as the target state has it: provided by its create. */
  exists: (id: ObjectId): Resource => `exists:${id}`,
  /** Its target shape (columns, values): provided by an alter that dependents see. */
  shape: (id: ObjectId): Resource => `shape:${id}`,
  /** The object as the current state has it: released by its drop. */
  was: (id: ObjectId): Resource => `was:${id}`,
  /** Its current shape: released by an alter that dependents see (a dependent's drop must run before it). */
  wasShape: (id: ObjectId): Resource => `was-shape:${id}`,
  /** The object before any alter of this plan: released by each of its alters. */
  unaltered: (id: ObjectId): Resource => `unaltered:${id}`,
  /** A name of a namespace shared by kinds (relations and types) being free: provided by the drop of its holder. */
  name: (slot: string): Resource => `name:${slot}`,
  /** A table attached to (or detached from) its partitioned table: provided by that alter of the table. */
  attached: (table: ObjectId): Resource => `attached:${table}`,
  detached: (table: ObjectId): Resource => `detached:${table}`,
  /** The partition children built for an index, key or table before it links them (see partition-children.ts). */
  children: (id: ObjectId): Resource => `children:${id}`,
};

/** What the resource is about: its family and the object id or name after it. */
export function resourceParts(r: Resource): { family: ResourceFamily; subject: string } {
  const at = r.indexOf(':');
  return { family: r.slice(0, at) as ResourceFamily, subject: r.slice(at + 1) };
}

export const orderedByOwnChanges = (r: Resource): boolean => OWN_ORDERED.has(resourceParts(r).family);

/** Needs of the target objects a change uses: each created, in its new shape. */
export const targetNeeds = (ids: readonly ObjectId[]): Resource[] =>
  ids.flatMap((id) => [resource.exists(id), resource.shape(id)]);

/** Needs of the current objects a change uses: there until it has run (a drop: in their current shape too). */
export const currentNeeds = (ids: readonly ObjectId[], op: 'create' | 'drop' | 'alter'): Resource[] =>
  ids.flatMap((id) => (op === 'drop' ? [resource.was(id), resource.wasShape(id)] : [resource.was(id)]));
