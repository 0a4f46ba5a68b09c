// What a whole section says that one statement cannot: the constraints it adds and the tables it drops (a constraint
// dropped and added again, or dropped before its table is, is no drop of a guarantee), and what the comments of a
// step say of its columns (`--   no TABLE_REWRITE: col: …`, which `plan` writes where a type or collation change
// keeps the storage, and anyone may write above a hand-made step).
import type { Node } from '@pgsql/types';
import type { ParsedStatement } from '../sql/parse.js';

export interface SectionFacts {
  /** `schema.table` + NUL + constraint name, for every ADD CONSTRAINT of the section. */
  readonly addedConstraints: ReadonlySet<string>;
  /** `schema.table` of every DROP TABLE of the section. */
  readonly droppedTables: ReadonlySet<string>;
}

export const constraintKey = (table: string, name: string) => `${table}\u0000${name}`;

const strings = (nodes: readonly Node[] | undefined) =>
  (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));

export function sectionFacts(statements: readonly ParsedStatement[]): SectionFacts {
  const addedConstraints = new Set<string>();
  const droppedTables = new Set<string>();
  for (const { tree } of statements) {
    if (tree && 'AlterTableStmt' in tree) {
      const r = tree.AlterTableStmt.relation;
      const table = `${r?.schemaname ?? 'public'}.${r?.relname ?? ''}`;
      for (const c of tree.AlterTableStmt.cmds ?? []) {
        const def = 'AlterTableCmd' in c ? c.AlterTableCmd.def : undefined;
        if (def && 'Constraint' in def && def.Constraint.conname)
          addedConstraints.add(constraintKey(table, def.Constraint.conname));
      }
    }
    if (tree && 'DropStmt' in tree && String(tree.DropStmt.removeType) === 'OBJECT_TABLE') {
      for (const o of tree.DropStmt.objects ?? []) {
        const parts = 'List' in o ? strings(o.List.items) : [];
        if (parts.length === 2) droppedTables.add(parts.join('.'));
        if (parts.length === 1) droppedTables.add(`public.${parts[0]}`);
      }
    }
  }
  return { addedConstraints, droppedTables };
}

/** The comments between the step line above `offset` and the statement: the step's notes. */
function stepBlock(sql: string, offset: number): string {
  const before = sql.slice(0, offset);
  const step = before.lastIndexOf('\n-- step ');
  return step < 0 ? '' : before.slice(step);
}

/** Hazards the step's notes say do not occur (`--   no ACCESS_EXCLUSIVE_LOCK: …`, as `plan` writes them). */
export function absentAt(sql: string, offset: number): Set<string> {
  return new Set([...stepBlock(sql, offset).matchAll(/^--\s+no ([A-Z_]+): /gm)].map((m) => m[1] ?? ''));
}

/** The columns the comments between the step line above `offset` and the statement say keep their storage. */
export function storageKeptAt(sql: string, offset: number): Set<string> {
  const out = new Set<string>();
  for (const m of stepBlock(sql, offset).matchAll(/^--\s+no TABLE_REWRITE: (.*)$/gm))
    for (const part of (m[1] ?? '').split('; ')) {
      const colon = part.indexOf(': ');
      if (colon > 0) out.add(part.slice(0, colon));
    }
  return out;
}
