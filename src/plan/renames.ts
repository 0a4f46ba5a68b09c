// Renames as plan steps. A declared rename applies when the current state has the old name and not the new one and
// the desired state has the new one; its steps run first (tables, then columns) and the rest of the plan is made
// from the current state with the renames done, so the renamed objects keep their rows and everything built on them.
import type { Model } from '../model/model.js';
import type { Rename } from '../desired/renames.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import { columnKey, tableId } from '../objects/shared/ids.js';
import type { PlanStep } from './plan.js';

function columnsOf(model: Model, id: string): Set<string> | undefined {
  const t = model.objects.find((o) => o.id === id) as { columns?: { name: string }[] } | undefined;
  return t?.columns ? new Set(t.columns.map((c) => c.name)) : undefined;
}

/** The declared renames that this plan must carry out, tables first. */
export function pendingRenames(from: Model, to: Model, declared: readonly Rename[]): Rename[] {
  const has = (m: Model, id: string) => m.objects.some((o) => o.id === id);
  const tables = declared.filter((r) => r.kind === 'table'
    && has(from, tableId(r.schema, r.from)) && !has(from, tableId(r.schema, r.to)) && has(to, tableId(r.schema, r.to)));
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

function step(r: Rename, back: boolean): PlanStep {
  const [from, to] = back ? [r.to, r.from] : [r.from, r.to];
  const id = r.kind === 'table' ? `${tableId(r.schema, from)} -> ${to}` : `column:${columnKey(r.schema, r.table, from)} -> ${to}`;
  return {
    key: `rename:${id}`, op: 'alter', kind: 'table', id, statements: [renameSql(r, back)], reverse: [renameSql(r, !back)],
    // Running clients still use the old name: that is for the operator to allow.
    hazards: ['CORRECTNESS'], nonTransactional: false,
  };
}

/** Up: the renames first. Down: the rest undone first, then the renames back (columns before their tables). Keys
 * and indexes named after the old table come along in the rest of the plan, as renames (see diff's pairRenames). */
export function renameSteps(renames: readonly Rename[]): { up: PlanStep[]; down: PlanStep[] } {
  return { up: renames.map((r) => step(r, false)), down: [...renames].reverse().map((r) => step(r, true)) };
}
