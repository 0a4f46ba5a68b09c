// The builders of changes: each says its key (model/change-key.ts) and its ordering as resources
// (model/resource.ts) from the objects it uses in the target state (`after`) and in the current state (`before`).
import type { AlterObject, CreateObject, DropObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { changeKey } from '../../model/change-key.js';
import { currentNeeds, resource, targetNeeds, type Resource } from '../../model/resource.js';

/** Objects a change uses: of the target state (created first), of the current state (dropped later). */
export interface Uses {
  readonly after: readonly ObjectId[];
  readonly before: readonly ObjectId[];
}

/** A create needs what it uses and the children built for it; it provides the object. */
export function createChange<T extends DbObject>(obj: T, after: readonly ObjectId[]): CreateObject<T> {
  return {
    op: 'create',
    kind: obj.kind,
    id: obj.id,
    key: changeKey.create(obj.id),
    object: obj,
    needs: [...targetNeeds(after), resource.children(obj.id)],
    provides: [resource.exists(obj.id)],
    releases: [],
  };
}

/** A drop runs while what it used is still there, in its current shape; it releases the object. */
export function dropChange<T extends DbObject>(obj: T, before: readonly ObjectId[]): DropObject<T> {
  return {
    op: 'drop',
    kind: obj.kind,
    id: obj.id,
    key: changeKey.drop(obj.id),
    object: obj,
    needs: currentNeeds(before, 'drop'),
    provides: [],
    releases: [resource.was(obj.id)],
  };
}

export interface AlterOptions {
  /** Its key's last part (default: the action's type). */
  readonly part?: string;
  /** Dependents see the change (a table's columns, an enum's values): creates that use the object wait for it, and
   * drops of dependents run before it. */
  readonly visible?: boolean;
  readonly needs?: readonly Resource[];
  readonly provides?: readonly Resource[];
}

export function alterChange<T extends DbObject, A extends { type: string }>(
  from: T,
  to: T,
  action: A,
  uses: Uses,
  options: AlterOptions = {},
): AlterObject<T, A> {
  const visible = options.visible === true;
  return {
    op: 'alter',
    kind: to.kind,
    id: to.id,
    key: changeKey.alter(to.id, options.part ?? action.type),
    from,
    to,
    action,
    needs: [...targetNeeds(uses.after), ...currentNeeds(uses.before, 'alter'), ...(options.needs ?? [])],
    // An alter that gives the object a new id (a rename) brings it into being under that id, as a create does.
    provides: [
      ...(from.id !== to.id ? [resource.exists(to.id)] : []),
      ...(visible ? [resource.shape(to.id)] : []),
      ...(options.provides ?? []),
    ],
    releases: [resource.unaltered(to.id), ...(visible ? [resource.wasShape(to.id)] : [])],
  };
}
