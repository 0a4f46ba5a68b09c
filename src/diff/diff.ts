// The generic differ: pairs objects by id across two models and asks each object's kind what changed.
// Re-creations spread to dependents (an index on a re-created column, a foreign key on a re-created key).
import { indexById, type DbObject, type Model, type ObjectId } from '../model/model.js';
import type { AlterObject, Change, CreateObject, DiffContext } from '../objects/kind.js';
import { changedObject } from '../objects/kind.js';
import { kindOf } from '../objects/registry.js';
import { PlanError } from '../errors.js';
import { alterChange, createChange, dropChange } from '../objects/shared/change.js';
import { resource, resourceParts } from '../model/resource.js';

export function diffContext(from: Model, to: Model, recreated: ReadonlySet<ObjectId> = new Set()): DiffContext {
  return { from, to, fromById: indexById(from), toById: indexById(to), recreated };
}

const defaultCreate = (obj: DbObject): Change => createChange(obj, kindOf(obj).dependencies(obj));
const defaultDrop = (obj: DbObject): Change => dropChange(obj, kindOf(obj).dependencies(obj));

/** Objects on both sides that must be dropped and created again. */
function recreations(ctx: DiffContext, alters: Map<ObjectId, AlterObject[]>, recreate: Set<ObjectId>): void {
  const rebuilt = new Set<string>();
  const retyped = new Set<string>();
  const replaced = new Set<ObjectId>();
  for (const list of alters.values()) {
    for (const a of list) {
      if (a.replacesIdentity) replaced.add(a.id);
      const kind = kindOf(a.to);
      for (const key of kind.rebuiltColumns?.(a) ?? []) rebuilt.add(key);
      for (const key of kind.retypedColumns?.(a) ?? []) retyped.add(key);
    }
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const obj of ctx.from.objects) {
      if (recreate.has(obj.id) || !ctx.toById.has(obj.id)) continue;
      const kind = kindOf(obj);
      const cols = kind.columnRefs?.(obj) ?? [];
      const usesRebuiltColumn = cols.some(
        (c) => rebuilt.has(c) || (kind.dependsOnColumnTypes === true && retyped.has(c)),
      );
      // Something it depends on is dropped or re-created: PostgreSQL would refuse the drop, so this goes too.
      const deps = kind.dependencies(obj).filter((d) => ctx.fromById.has(d));
      const dependsOnGone = deps.some((d) => recreate.has(d) || !ctx.toById.has(d));
      const dependsOnReplaced = deps.some((d) => replaced.has(d));
      if (!usesRebuiltColumn && !dependsOnGone && !dependsOnReplaced) continue;
      if (kind.recreatable === false) {
        // A replacing alter re-points the columns of tables itself.
        if (!dependsOnGone && !usesRebuiltColumn) continue;
        // Its own alter (a column dropped or re-typed) may be what lets go of the object; if not, PostgreSQL would
        // refuse the drop, so say so now.
        if (alters.has(obj.id)) continue;
        throw new PlanError(
          `cannot plan: ${obj.id} depends on an object that is dropped or must be re-created, and ${obj.kind} objects hold ` +
            `data, so they are never re-created implicitly`,
        );
      }
      recreate.add(obj.id);
      alters.delete(obj.id);
      grew = true;
    }
  }
}

/** A name shared with other kinds is taken by a create after the drop that frees it; function creates go late. */
function withSlot(c: Change): Change {
  const obj = changedObject(c);
  const kind = kindOf(obj);
  const slot = c.op === 'alter' ? undefined : kind.slot?.(obj);
  if (c.op === 'create') {
    return {
      ...c,
      ...(slot ? { needs: [...c.needs, resource.name(slot)] } : {}),
      ...(kind.createLate ? { late: true } : {}),
    };
  }
  return slot && c.op === 'drop' ? { ...c, provides: [...c.provides, resource.name(slot)] } : c;
}

export interface ArchiveOptions {
  /** The migration's archive schema. */
  readonly schema: string;
  readonly direction: 'up' | 'down';
  /** Going back: what the plan forward archived (computed, not given, going forward). */
  readonly objects?: ReadonlySet<ObjectId>;
}

export interface DiffResult {
  readonly changes: Change[];
  /** Objects dropped and created again. */
  readonly recreated: ReadonlySet<ObjectId>;
  /** Objects moved to (up) or back from (down) the archive. */
  readonly archived: ReadonlySet<ObjectId>;
}

/** The data-holding objects a plan forward moves to the archive instead of dropping them. */
function archivable(ctx: DiffContext, dropped: ReadonlySet<ObjectId>): Set<ObjectId> {
  const set = new Set<ObjectId>();
  for (const f of ctx.from.objects) {
    if (!dropped.has(f.id) || ctx.recreated.has(f.id) || ctx.toById.has(f.id)) continue;
    const kind = kindOf(f);
    if (kind.archiveBlocker && kind.archiveBlocker(f, ctx, dropped) === undefined) set.add(f.id);
  }
  // A child goes to the archive only with its parent (a partition whose parent is dropped would go with it).
  for (let shrank = true; shrank; ) {
    shrank = false;
    for (const id of set) {
      const o = ctx.fromById.get(id);
      if (!o) continue;
      const parent = kindOf(o).parent?.(o);
      if (parent !== undefined && dropped.has(parent) && !set.has(parent)) {
        set.delete(id);
        shrank = true;
      }
    }
  }
  return set;
}

/** A child of an archived object that moves with it: nothing it needs lies outside its parent and what the parent
 * needs (a foreign key to another table, a trigger's function must not hold the archive to the live schema). */
function movesWithParent(obj: DbObject, parent: ObjectId, byId: ReadonlyMap<ObjectId, DbObject>): boolean {
  const p = byId.get(parent);
  if (!p || kindOf(obj).archiveBlocker) return false;
  const parentNeeds = new Set(kindOf(p).dependencies(p));
  return kindOf(obj)
    .dependencies(obj)
    .every((d) => {
      const o = byId.get(d);
      return d === parent || parentNeeds.has(d) || !o || kindOf(o).parent?.(o) === parent;
    });
}

export function diffWithArchive(from: Model, to: Model, archive?: ArchiveOptions): DiffResult {
  const recreate = new Set<ObjectId>();
  const base = diffContext(from, to, recreate);
  const alters = new Map<ObjectId, AlterObject[]>();
  for (const f of from.objects) {
    const t = base.toById.get(f.id);
    if (!t) continue;
    const result = kindOf(f).compare(f, t, base);
    if (result === 'recreate') recreate.add(f.id);
    else if (result.length > 0) alters.set(f.id, result);
  }
  recreations(base, alters, recreate);

  const dropped = new Set<ObjectId>(
    from.objects.filter((o) => !base.toById.has(o.id) || recreate.has(o.id)).map((o) => o.id),
  );
  const archived = !archive
    ? new Set<ObjectId>()
    : archive.direction === 'up'
      ? archivable(base, dropped)
      : new Set(archive.objects ?? []);
  const ctx: DiffContext = archive
    ? { ...base, archive: { schema: archive.schema, direction: archive.direction, objects: archived } }
    : base;
  const changes: Change[] = [];
  for (const f of from.objects) {
    if (!dropped.has(f.id)) continue;
    const kind = kindOf(f);
    const parent = kind.parent?.(f);
    let implied: boolean;
    if (parent !== undefined && archive?.direction === 'up' && archived.has(parent)) {
      implied = !archived.has(f.id) && movesWithParent(f, parent, ctx.fromById);
    } else {
      // A drop is left to the parent's DROP only when nothing outside the parent refers to the object's parent
      // (a foreign key between two dropped tables must go first, or neither table can be dropped).
      const outsideRefs = kind.dependencies(f).filter((d) => d !== parent && dropped.has(d));
      implied = parent !== undefined && dropped.has(parent) && !recreate.has(parent) && outsideRefs.length === 0;
    }
    for (const c of kind.drops?.(f, ctx) ?? [defaultDrop(f)])
      changes.push(implied && c.op === 'drop' ? { ...c, implied } : c);
  }
  for (const list of alters.values()) changes.push(...list);
  for (const t of to.objects) {
    if (ctx.fromById.has(t.id) && !recreate.has(t.id)) continue;
    const kind = kindOf(t);
    const parent = kind.parent?.(t);
    // Going back, what moved to the archive with its parent comes back with it.
    const implied =
      parent !== undefined &&
      archive?.direction === 'down' &&
      archived.has(parent) &&
      !archived.has(t.id) &&
      movesWithParent(t, parent, ctx.toById);
    for (const c of kind.creates?.(t, ctx) ?? [defaultCreate(t)])
      changes.push(implied && c.op === 'create' ? { ...c, implied } : c);
  }
  return { changes: pairRenames(changes.map(withSlot), ctx), recreated: recreate, archived };
}

/**
 * A drop and a create of the same kind whose objects differ only in name (an index or constraint renamed in the
 * desired state, or named after a renamed table) become one rename: nothing is rebuilt. Dependents created later
 * wait for it as for a create.
 */
function pairRenames(changes: Change[], ctx: DiffContext): Change[] {
  const taken = new Set<string>();
  const replaced = new Map<string, Change | null>();
  for (const d of changes) {
    if (d.op !== 'drop' || d.implied || ctx.toById.has(d.id)) continue;
    const kind = kindOf(d.object);
    if (!kind.renameTo) continue;
    const c = changes.find(
      (x): x is CreateObject =>
        x.op === 'create' &&
        x.kind === d.kind &&
        !taken.has(x.key) &&
        !ctx.fromById.has(x.id) &&
        kind.renameTo?.(d.object, x.object) !== undefined,
    );
    if (!c) continue;
    taken.add(c.key);
    // Seen by dependents as a create: it needs what the create needed, and what the drop used until it runs.
    const alter = alterChange(d.object, c.object, { type: 'rename' }, { after: [], before: [] }, { visible: true });
    const used = d.needs.filter((r) => resourceParts(r).family === 'was');
    const rename: AlterObject = {
      ...alter,
      needs: [...c.needs, ...used],
      provides: [...alter.provides, ...c.provides],
    };
    replaced.set(d.key, rename);
    replaced.set(c.key, null);
  }
  return changes.flatMap((c) => {
    const r = replaced.get(c.key);
    return r === undefined ? [c] : r === null ? [] : [r];
  });
}
