// Drops that keep the data (`drops: archive`). A dropped table moves to the migration's archive schema with its
// rows, indexes, constraints, triggers and owned sequences, and its down moves it back. A dropped column is first
// copied there with the table's key; its down adds the column again and puts the values back by key. What cannot
// come back that way (a table whose types the same plan drops, a column of a table without a key) is dropped as
// before, with DELETES_DATA.
import { createHash } from 'node:crypto';
import type { ArchiveContext, DiffContext } from '../kind.js';
import { objectOf, type Model, type ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { schemaId, tableId } from '../shared/ids.js';
import { isConstraint, type ConstraintObject } from '../constraint/constraint.js';
import { isSequence } from '../sequence/sequence.js';
import type { Column, TableObject } from './table-model.js';
import type { TableColumnsAction } from './table-compare.js';
import { tableDependencies } from './table-query.js';

/** Why this plan cannot move the table to the archive, or undefined when it can. */
export function tableArchiveBlocker(
  t: TableObject,
  ctx: DiffContext,
  dropped: ReadonlySet<ObjectId>,
): string | undefined {
  const parents = [
    ...t.inherits.map((p) => tableId(p.schema, p.name)),
    ...(t.partitionOf ? [t.partitionOf.parent] : []),
  ];
  const staying = parents.find((p) => !dropped.has(p));
  if (staying) return `its rows are part of ${staying}, which stays`;
  const owned = (id: ObjectId) => {
    const o = objectOf(ctx.fromById, id, isSequence);
    return o?.ownedBy?.schema === t.schema && o.ownedBy.table === t.name;
  };
  // The archived table keeps using its types, functions and sequences: the plan could not drop them.
  const used = tableDependencies(t).find(
    (d) => dropped.has(d) && d !== schemaId(t.schema) && !parents.includes(d) && !owned(d),
  );
  if (used) return `it uses ${used}, which the plan drops`;
  const sameName = ctx.from.objects.find(
    (o) => o.kind === 'table' && o.name === t.name && o.id < t.id && dropped.has(o.id) && !ctx.toById.has(o.id),
  );
  if (sameName) return `${sameName.id} goes to the same archive under that name`;
  return undefined;
}

export const archives = (id: ObjectId, a: ArchiveContext | undefined, direction: 'up' | 'down') =>
  a !== undefined && a.direction === direction && a.objects.has(id);

export function archiveTable(t: TableObject, schema: string): string {
  return `ALTER TABLE ${qualify(t.schema, t.name)} SET SCHEMA ${quoteIdent(schema)}`;
}

export function restoreTable(t: TableObject, schema: string): string {
  return `ALTER TABLE ${qualify(schema, t.name)} SET SCHEMA ${quoteIdent(t.schema)}`;
}

/** The archive table of a dropped column: `table.column` (`schema.table.column` outside public), at most 63 bytes. */
function columnArchiveName(t: TableObject, column: string): string {
  const name = `${t.schema === 'public' ? '' : `${t.schema}.`}${t.name}.${column}`;
  if (Buffer.byteLength(name) <= 63) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${Buffer.from(name)
    .subarray(0, 54)
    .toString('utf8')
    .replace(/\uFFFD+$/, '')}.${hash}`;
}

/**
 * The key that matches a dropped column's values to their rows: the primary key, else a unique key over NOT NULL
 * columns, none of which the same change touches. `model` is the state in which the column exists.
 */
export function archiveKey(
  t: TableObject,
  column: Column,
  action: TableColumnsAction,
  model: Model,
): readonly string[] | undefined {
  if (column.identity || column.generated || column.inherited) return undefined;
  const touched = new Set(
    [...action.drops, ...action.adds, ...action.recreates, ...action.alters.map((a) => a.to)].map((c) => c.name),
  );
  const notNull = new Set(t.columns.filter((c) => c.notNull).map((c) => c.name));
  const keys = model.objects.filter(isConstraint).filter((o) => o.schema === t.schema && o.table === t.name);
  const usable = (k: ConstraintObject) =>
    k.columns.length > 0 && k.columns.every((c) => !touched.has(c) && (k.type === 'p' || notNull.has(c)));
  const key =
    keys.find((k) => k.type === 'p' && usable(k)) ??
    keys.filter((k) => k.type === 'u' && usable(k)).sort((a, b) => a.columns.length - b.columns.length)[0];
  return key?.columns;
}

export function archiveColumn(t: TableObject, c: Column, key: readonly string[], schema: string): string {
  const cols = [...key, c.name].map(quoteIdent).join(', ');
  return `CREATE TABLE ${qualify(schema, columnArchiveName(t, c.name))} AS SELECT ${cols} FROM ${qualify(t.schema, t.name)}`;
}

/** Puts the archived values back into the column just added (nullable: the caller sets NOT NULL after, online). */
export function restoreColumn(t: TableObject, c: Column, key: readonly string[], schema: string): string[] {
  const archive = qualify(schema, columnArchiveName(t, c.name));
  const col = quoteIdent(c.name);
  const match = key.map((k) => `target.${quoteIdent(k)} = a.${quoteIdent(k)}`).join(' AND ');
  return [
    `UPDATE ${qualify(t.schema, t.name)} AS target SET ${col} = a.${col} FROM ${archive} AS a WHERE ${match}`,
    `DROP TABLE ${archive}`,
  ];
}
