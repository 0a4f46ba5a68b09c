// The schema model: plain readonly data with stable ids. Imports nothing from the rest of the project.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';

export { canonicalJson, sameJson } from './canonical.js';

/** Stable id of an object, `kind:qualified.name`, e.g. `table:public.users`. */
export type ObjectId = string;

export interface DbObject {
  readonly kind: string;
  readonly id: ObjectId;
  readonly schema?: string;
  readonly name: string;
  /** Left unfinished by an interrupted build (an INVALID index after a cut-off CREATE INDEX CONCURRENTLY): no state
   * that a migration records holds it, so hashes and drift look past it, while a plan re-creates it. */
  readonly incomplete?: boolean;
}

/** A catalog entry of a kind the model does not hold (an aggregate, a publication): never planned, always reported. */
export interface UnmanagedObject {
  /** The kind as PostgreSQL names it (`aggregate`, `statistics object`, `text search configuration`). */
  readonly type: string;
  /** Its name as PostgreSQL prints it, qualified and with argument types (`public.group_concat(text)`). */
  readonly identity: string;
  /** Its schema, or null for objects of the whole database (casts, publications, servers). */
  readonly schema: string | null;
  /** Managed objects it depends on, by our ids: what a plan must not drop under it. */
  readonly dependsOn: readonly ObjectId[];
}

export interface Model {
  /** Sorted by id. */
  readonly objects: readonly DbObject[];
  /** What the catalog holds beside them that no kind manages (sorted by type, then identity); not part of hashes. */
  readonly unmanaged?: readonly UnmanagedObject[];
  /** Objects no kind manages that the schema folder's `_custom/` scripts make (a desired state only): run as
   * written by the migrations, never diffed; not part of hashes. */
  readonly custom?: readonly UnmanagedObject[];
}

/** Bumped whenever reading the same catalog gives a different model: cached models of other formats are unused. */
export const MODEL_FORMAT = 3;

export function makeModel(objects: readonly DbObject[], unmanaged: readonly UnmanagedObject[] = []): Model {
  return {
    objects: [...objects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ...(unmanaged.length ? { unmanaged } : {}),
  };
}

export function emptyModel(): Model {
  return { objects: [] };
}

export function indexById(model: Model): ReadonlyMap<ObjectId, DbObject> {
  return new Map(model.objects.map((o) => [o.id, o]));
}

/**
 * Hash of a model made independent of what does not matter for equality: object order and column order.
 * `objectText` gives an object's canonical text (each kind may drop what its comparer ignores).
 */
export function modelHash(model: Model, objectText: (o: DbObject) => string = canonicalJson): string {
  const h = createHash('sha256');
  for (const o of model.objects) h.update(objectText(o)).update('\n');
  return `sha256:${h.digest('hex')}`;
}

/** A type guard for the objects of one kind: `isKind<TableObject>('table')`. */
export const isKind =
  <T extends DbObject>(kind: T['kind']) =>
  (o: DbObject | undefined): o is T =>
    o?.kind === kind;

/** The object of a kind under an id, if the map holds one of that kind there. */
export function objectOf<T extends DbObject>(
  byId: ReadonlyMap<ObjectId, DbObject>,
  id: ObjectId | null | undefined,
  is: (o: DbObject | undefined) => o is T,
): T | undefined {
  const o = id === null || id === undefined ? undefined : byId.get(id);
  return is(o) ? o : undefined;
}
