// Compares two versions of a table column by column (by name: column order is not compared).
import type { Column, TableObject } from './table-model.js';
import { sameData } from '../shared/simple.js';

export interface ColumnAlter {
  readonly from: Column;
  readonly to: Column;
}

export interface TableColumnsAction {
  readonly type: 'columns';
  readonly drops: readonly Column[];
  readonly adds: readonly Column[];
  /** Columns dropped and added again because PostgreSQL cannot alter them in place. */
  readonly recreates: readonly Column[];
  readonly alters: readonly ColumnAlter[];
}

export interface TablePersistenceAction {
  readonly type: 'persistence';
  readonly unlogged: boolean;
}

export interface TablePropertiesAction {
  readonly type: 'properties';
}

export interface TablePartitionAction {
  readonly type: 'detach' | 'attach';
}

export interface TableInheritsAction {
  readonly type: 'inherits';
}

export type TableAction = TableColumnsAction | TablePersistenceAction | TablePropertiesAction | TablePartitionAction | TableInheritsAction;

export function propertiesOf(t: TableObject) {
  return { rowSecurity: t.rowSecurity, forceRowSecurity: t.forceRowSecurity, options: t.options, replicaIdentity: t.replicaIdentity, replicaIndex: t.replicaIndex };
}

/** A generated expression can only be set by creating the column (SET EXPRESSION needs PostgreSQL 17). */
function needsRecreate(from: Column, to: Column): boolean {
  if (!to.generated) return false;
  return !from.generated || !sameData(from.generated, to.generated);
}

/** A column's own definition, without whether it comes from a parent. */
const own = ({ inherited: _i, ...rest }: Column) => rest;

// Columns that come only from a parent are governed by the parent's changes (they appear and vanish with it);
// a column present on both sides is compared on its definition, whether or not it is inherited there.
export function compareColumns(from: TableObject, to: TableObject): TableColumnsAction | undefined {
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  const toCols = new Map(to.columns.map((c) => [c.name, c]));
  const drops = from.columns.filter((c) => !toCols.has(c.name) && !c.inherited);
  const adds = to.columns.filter((c) => !fromCols.has(c.name) && !c.inherited);
  const recreates: Column[] = [];
  const alters: ColumnAlter[] = [];
  for (const t of to.columns) {
    const f = fromCols.get(t.name);
    if (!f || t.inherited || sameData(own(f), own(t))) continue;
    if (needsRecreate(f, t)) recreates.push(t);
    else alters.push({ from: f, to: t });
  }
  if (drops.length + adds.length + recreates.length + alters.length === 0) return undefined;
  return { type: 'columns', drops, adds, recreates, alters };
}
