// Declared renames of tables and columns (the table kind's part of them): which apply, their SQL and step ids. A
// rename applies when the current state has the old name and not the new one and the desired state has the new one.
import type { Model } from '../../model/model.js';
import { isTable } from './table-model.js';
import type { Rename } from '../../model/rename.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { columnKey, tableId } from '../shared/ids.js';
import { defaultSequenceName, renameIdentitySequence } from '../sequence/position.js';

function columnsOf(model: Model, id: string): Set<string> | undefined {
  const t = model.objects.find((o) => o.id === id);
  return isTable(t) ? new Set(t.columns.map((c) => c.name)) : undefined;
}

/** The declared renames that a plan from `from` to `to` must carry out, tables first. */
export function pendingRenames(from: Model, to: Model, declared: readonly Rename[]): Rename[] {
  const has = (m: Model, id: string) => m.objects.some((o) => o.id === id);
  const tables = declared.filter(
    (r) =>
      r.kind === 'table' &&
      has(from, tableId(r.schema, r.from)) &&
      !has(from, tableId(r.schema, r.to)) &&
      has(to, tableId(r.schema, r.to)),
  );
  const currentName = (r: Rename) => tables.find((t) => t.schema === r.schema && t.to === r.table)?.from ?? r.table;
  const columns = declared.filter((r) => {
    if (r.kind !== 'column') return false;
    const now = columnsOf(from, tableId(r.schema, currentName(r)));
    const wanted = columnsOf(to, tableId(r.schema, r.table));
    return now !== undefined && wanted !== undefined && now.has(r.from) && !now.has(r.to) && wanted.has(r.to);
  });
  return [...tables, ...columns];
}

export function renameSql(r: Rename, back = false): string {
  const [from, to] = back ? [r.to, r.from] : [r.from, r.to];
  return r.kind === 'table'
    ? `ALTER TABLE ${qualify(r.schema, from)} RENAME TO ${quoteIdent(to)}`
    : `ALTER TABLE ${qualify(r.schema, r.table)} RENAME COLUMN ${quoteIdent(from)} TO ${quoteIdent(to)}`;
}

/** The object kind and step id of a rename (both renames are changes of the table). */
export function renameStepId(r: Rename, back: boolean): { kind: string; id: string } {
  const [from, to] = back ? [r.to, r.from] : [r.from, r.to];
  return {
    kind: 'table',
    id:
      r.kind === 'table'
        ? `${tableId(r.schema, from)} -> ${to}`
        : `column:${columnKey(r.schema, r.table, from)} -> ${to}`,
  };
}

function identityColumns(model: Model, id: string): string[] {
  const t = model.objects.find((o) => o.id === id);
  return (isTable(t) ? t.columns : []).filter((c) => c.identity).map((c) => c.name);
}

/**
 * Identity sequences named after the table and column they were made for follow a rename of either, as a database
 * built afresh names them (`<table>_<column>_seq`). `current`: the state before the plan; `renames`: all of the plan's.
 */
export function identitySequenceRenames(
  r: Rename,
  back: boolean,
  current: Model,
  renames: readonly Rename[],
): string[] {
  const rename = (table: string, column: string, from: string | undefined, to: string | undefined) =>
    from && to ? [renameIdentitySequence(r.schema, table, column, from, to)] : [];
  if (r.kind === 'table') {
    const [was, now] = back ? [r.to, r.from] : [r.from, r.to];
    return identityColumns(current, tableId(r.schema, r.from)).flatMap((c) =>
      rename(now, c, defaultSequenceName(was, c), defaultSequenceName(now, c)),
    );
  }
  const table = r.table;
  const currentTable =
    renames.find((t) => t.kind === 'table' && t.schema === r.schema && t.to === table)?.from ?? table;
  if (!identityColumns(current, tableId(r.schema, currentTable)).includes(r.from)) return [];
  const [was, now] = back ? [r.to, r.from] : [r.from, r.to];
  return rename(table, now, defaultSequenceName(table, was), defaultSequenceName(table, now));
}
