// Indexes and keys of partitions that are attached to an index or key of their partitioned table ("children").
// PostgreSQL makes and links them itself in three situations, and a plan must reach exactly the desired names:
//  - a partition created in the plan (CREATE TABLE … PARTITION OF) or a partitioned index created over existing
//    partitions gets a new child under a generated name (`<table>_<columns>_idx`);
//  - a partitioned index created over a partition, or a table attached as a partition, links a matching index the
//    partition already has instead of building one.
// So a child on a table that exists before and after the plan is built by the plan on that table first (online
// where it can be), and the parent's create or the table's attach links it; a child on a new table is left to
// PostgreSQL, and renamed when the desired name is not a generated one.
import type { Change, CreateObject, DiffContext, DropObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteLiteral } from '../../sql/quote.js';
import { livesThrough } from './simple.js';
import { alterChange } from './change.js';
import { resource, targetNeeds, type Resource } from '../../model/resource.js';

export interface PartitionChild {
  readonly schema: string;
  readonly name: string;
  readonly table: string;
  /** The table's id. */
  readonly owner: ObjectId;
  /** The index or key of the partitioned table this one is attached to. */
  readonly attachedTo: ObjectId | null;
}

/** The child is built by the plan itself: its table is there before and stays. */
export function builtExplicitly(c: PartitionChild, ctx: DiffContext): boolean {
  return livesThrough(c.owner, ctx);
}

/** An explicitly built child must precede its parent's create and its table's attach, which need it. */
function precedes(c: PartitionChild): Resource[] {
  return c.attachedTo ? [resource.children(c.attachedTo), resource.children(c.owner)] : [];
}

/** The child's drop needs no SQL: its parent or its table is dropped (or re-created) in the same plan. */
function droppedWithParent(c: PartitionChild, ctx: DiffContext): boolean {
  const gone = (id: ObjectId) => !ctx.toById.has(id) || ctx.recreated.has(id);
  return gone(c.owner) || (c.attachedTo !== null && gone(c.attachedTo));
}

/**
 * The changes that create a child `obj` (described by `c`): built on its table first, needing only `ownAfter`
 * (its parent may not exist yet), then linked by an attach; or the one `create` when it is not a child or
 * PostgreSQL makes it with its table.
 */
export function childCreates<T extends DbObject & { readonly attachedTo: ObjectId | null }>(
  obj: T,
  c: PartitionChild,
  create: CreateObject<T>,
  ownAfter: readonly ObjectId[],
  ctx: DiffContext,
): Change[] {
  if (!c.attachedTo || !builtExplicitly(c, ctx)) return [create];
  return [
    { ...create, needs: targetNeeds(ownAfter), provides: [...create.provides, ...precedes(c)] },
    {
      ...alterChange(
        { ...obj, attachedTo: null },
        obj,
        { type: 'attach' },
        { after: [c.attachedTo, c.owner], before: [] },
        { needs: [resource.attached(c.owner)] },
      ),
      finishesCreate: true,
    },
  ];
}

/** The changes that drop a child: none of its own when its parent or table goes too; else after its table's detach. */
export function childDrops(c: PartitionChild, drop: DropObject, ctx: DiffContext): Change[] {
  if (!c.attachedTo) return [drop];
  return droppedWithParent(c, ctx)
    ? [{ ...drop, implied: true }]
    : [{ ...drop, needs: [...drop.needs, resource.detached(c.owner)] }];
}

// ChooseRelationName's shape: table name (possibly truncated), column names, a label, possibly a number.
const GENERATED = /_(idx|key|pkey|excl)\d*$/;

/** Whether `name` is what PostgreSQL would likely generate for a child on `table`. */
export function looksGenerated(name: string, table: string): boolean {
  return GENERATED.test(name) && name.startsWith(table.slice(0, Math.min(table.length, 8)));
}

/**
 * A statement that gives the child PostgreSQL made on `table` for `parent` the desired name (the generated name
 * is not known when planning). `lookup` selects the child's relation from pg_inherits `i` joined to pg_class `c`.
 */
export function renameGeneratedChild(
  c: PartitionChild,
  parentRegclass: string,
  rename: (current: string) => string,
): string {
  const table = quoteLiteral(qualify(c.schema, c.table));
  return [
    `DO $sfm$ DECLARE current_name text; BEGIN`,
    `  SELECT c.relname INTO current_name FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid`,
    `    JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid`,
    `  WHERE i.inhparent = ${quoteLiteral(parentRegclass)}::regclass AND x.indrelid = ${table}::regclass;`,
    `  IF current_name IS DISTINCT FROM ${quoteLiteral(c.name)} THEN EXECUTE ${rename('current_name')}; END IF;`,
    `END $sfm$`,
  ].join('\n');
}
