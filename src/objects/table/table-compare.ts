// Compares two versions of a table column by column (by name: column order is not compared).
import type { Column, TableObject } from './table-model.js';
import { sameData } from '../shared/simple.js';

interface ColumnAlter {
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

interface TablePropertiesAction {
  readonly type: 'properties';
}

interface TablePartitionAction {
  readonly type: 'detach' | 'attach';
}

interface TableInheritsAction {
  readonly type: 'inherits';
}

export type TableAction =
  | TableColumnsAction
  | TablePersistenceAction
  | TablePropertiesAction
  | TablePartitionAction
  | TableInheritsAction;

export function propertiesOf(t: TableObject) {
  return {
    rowSecurity: t.rowSecurity,
    forceRowSecurity: t.forceRowSecurity,
    options: t.options,
    replicaIdentity: t.replicaIdentity,
    replicaIndex: t.replicaIndex,
  };
}

/** A generated expression is set by creating the column again, except on a virtual column that stays virtual:
 * SET EXPRESSION, which needs PostgreSQL 17 for stored columns (the target's version is not known when planning)
 * and 18 for virtual ones (which exist only from 18 on, so every target that has one can). */
function needsRecreate(from: Column, to: Column): boolean {
  if (!to.generated) return false;
  if (from.generated && !from.generated.stored && !to.generated.stored) return false;
  return !from.generated || !sameData(from.generated, to.generated);
}

/**
 * Columns that change hands between a table and a parent it keeps: `vanishing` ones are inherited now and the
 * parent drops them (the table must add its own); `arriving` ones are the table's own now and the parent adds
 * them (the table drops its own first, or PostgreSQL merges the two).
 */
export interface InheritanceMoves {
  readonly vanishing: readonly string[];
  readonly arriving: readonly string[];
}

export function inheritanceMoves(
  from: TableObject,
  to: TableObject,
  fromParents: readonly TableObject[],
  toParents: readonly TableObject[],
): InheritanceMoves {
  const has = (list: readonly TableObject[], col: string) => list.some((p) => p.columns.some((c) => c.name === col));
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  const vanishing: string[] = [];
  const arriving: string[] = [];
  for (const t of to.columns) {
    const f = fromCols.get(t.name);
    if (!f) continue;
    if (f.inherited && !t.inherited && has(fromParents, t.name) && !has(toParents, t.name)) vanishing.push(t.name);
    if (!f.inherited && t.inherited && !has(fromParents, t.name) && has(toParents, t.name)) arriving.push(t.name);
  }
  return { vanishing, arriving };
}

// A column's own definition: not whether it comes from a parent, nor a declared conversion, and its storage only
// where it was set. Compared field by field (this runs for every column of every table).
// Every field of Column is placed in one of the two lists: a field added to Column and to neither is a type error.
const OWN_KEYS = [
  'name',
  'type',
  'typeRef',
  'typeIsArray',
  'notNull',
  'default',
  'defaultVolatile',
  'identity',
  'generated',
  'collation',
  'collationRef',
  'statistics',
  'compression',
] as const satisfies readonly (keyof Column)[];
const NOT_OWN_KEYS = ['storage', 'storageIsDefault', 'inherited', 'using'] as const satisfies readonly (keyof Column)[];
type Unplaced = Exclude<keyof Column, (typeof OWN_KEYS)[number] | (typeof NOT_OWN_KEYS)[number]>;
const placed = <_T extends never>(): void => {};
placed<Unplaced>();
const ownStorage = (c: Column) => (c.storageIsDefault ? null : c.storage);

function sameOwnDefinition(f: Column, t: Column): boolean {
  if (ownStorage(f) !== ownStorage(t)) return false;
  for (const k of OWN_KEYS) if (!sameData(f[k], t[k])) return false;
  return true;
}

// Columns that come only from a parent are governed by the parent's changes (they appear and vanish with it);
// a column present on both sides is compared on its definition, whether or not it is inherited there.
export function compareColumns(
  from: TableObject,
  to: TableObject,
  inheritance?: InheritanceMoves,
): TableColumnsAction | undefined {
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  const toCols = new Map(to.columns.map((c) => [c.name, c]));
  const vanishing = new Set(inheritance?.vanishing ?? []);
  const arriving = new Set(inheritance?.arriving ?? []);
  const drops = from.columns.filter((c) => !toCols.has(c.name) && !c.inherited);
  // A column a parent drops leaves its inheritors too; a table that keeps it as its own must add it again.
  const adds = to.columns.filter((c) => (!fromCols.has(c.name) || vanishing.has(c.name)) && !c.inherited);
  const recreates: Column[] = [];
  const alters: ColumnAlter[] = [];
  for (const t of to.columns) {
    const f = fromCols.get(t.name);
    if (!f || t.inherited || vanishing.has(t.name) || arriving.has(t.name) || sameOwnDefinition(f, t)) continue;
    if (needsRecreate(f, t)) recreates.push(t);
    else alters.push({ from: f, to: t });
  }
  if (drops.length + adds.length + recreates.length + alters.length === 0) return undefined;
  return { type: 'columns', drops, adds, recreates, alters };
}
