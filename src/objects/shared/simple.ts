// Helpers for kinds whose changes are create, drop, or recreate.
import type { AlterObject, Change, Hazard, Rendered } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { canonicalJson } from '../../model/model.js';

export function rendered(statements: string[], hazards: Hazard[] = []): Rendered {
  return { statements, hazards };
}

export function sameData(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function alterChange<A extends { type: string }>(
  from: DbObject,
  to: DbObject,
  action: A,
  deps: { after: string[]; before: string[] },
  suffix = action.type,
): AlterObject {
  return { op: 'alter', kind: to.kind, id: to.id, key: `alter:${to.id}:${suffix}`, from, to, action, ...deps };
}

export function unexpected(change: Change): never {
  throw new Error(`no renderer for ${change.op} ${change.id}`);
}
