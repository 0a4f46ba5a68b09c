// Table constraints (primary key, unique, foreign key, check, exclusion). Each is its own object, added with
// ALTER TABLE after its table, which is what splits foreign-key cycles. Any change re-creates the constraint.
// NOT NULL constraints (contype 'n', catalogued from PostgreSQL 18 only) are a column property instead.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { columnKey, constraintId, indexId, tableId, idPartsSql } from '../shared/ids.js';
import { isPartitioned, livesThrough, rendered, sameData, unexpected } from '../shared/simple.js';
import { dependsOnSql } from '../shared/refs.js';

export interface ConstraintObject extends DbObject {
  readonly kind: 'constraint';
  readonly schema: string;
  readonly table: string;
  readonly type: 'p' | 'u' | 'f' | 'c' | 'x';
  readonly definition: string;
  readonly columns: readonly string[];
  /** For foreign keys: the referenced table and the key (constraint or index) it relies on; for all, what
   * pg_depend records (functions and types used by a check, …). */
  readonly references: readonly ObjectId[];
}

const QUERY = `
SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, con.contype AS type,
  pg_catalog.pg_get_constraintdef(con.oid) AS definition,
  coalesce((SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey)), '{}') AS columns,
  rn.nspname AS ref_schema, rc.relname AS ref_table, ri.relname AS ref_index,
  ${dependsOnSql(`d.classid = 'pg_catalog.pg_constraint'::regclass AND d.objid = con.oid`, `'constraint:' || ${idPartsSql('n.nspname', 'c.relname', 'con.conname')}`)} AS depends_on,
  (SELECT k.conname FROM pg_catalog.pg_constraint k WHERE k.conrelid = con.confrelid AND k.conindid = con.conindid
     AND k.contype IN ('p', 'u') LIMIT 1) AS ref_constraint
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_catalog.pg_class ri ON ri.oid = con.conindid AND con.contype = 'f'
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p') AND con.conislocal
  AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

interface Row {
  schema: string; table: string; name: string; type: ConstraintObject['type']; definition: string; columns: string[];
  ref_schema: string | null; ref_table: string | null; ref_index: string | null; ref_constraint: string | null;
  depends_on: string[];
}

function references(r: Row): ObjectId[] {
  if (r.type !== 'f' || !r.ref_schema || !r.ref_table) return [];
  const key = r.ref_constraint
    ? constraintId(r.ref_schema, r.ref_table, r.ref_constraint)
    : r.ref_index ? indexId(r.ref_schema, r.ref_index) : undefined;
  return [tableId(r.ref_schema, r.ref_table), ...(key ? [key] : [])];
}

export const constraintKind: ObjectKind<ConstraintObject> = {
  kind: 'constraint',
  async introspect(db, scope) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'constraint', id: constraintId(r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
      type: r.type, definition: r.definition, columns: r.columns,
      references: [...new Set([...references(r), ...r.depends_on])].sort(),
    }));
  },
  dependencies: (c) => [tableId(c.schema, c.table), ...c.references],
  parent: (c) => tableId(c.schema, c.table),
  columnRefs: (c) => c.columns.map((col) => columnKey(c.schema, c.table, col)),
  compare: (from, to) => (sameData(from, to) ? [] : 'recreate'),
  renameTo(from, to) {
    if (from.schema !== to.schema || from.table !== to.table || from.type !== to.type || from.definition !== to.definition) return undefined;
    return `ALTER TABLE ${qualify(from.schema, from.table)} RENAME CONSTRAINT ${quoteIdent(from.name)} TO ${quoteIdent(to.name)}`;
  },
  render(change, ctx) {
    if (change.op === 'alter' && change.action.type === 'rename') {
      return rendered([constraintKind.renameTo?.(change.from, change.to) ?? unexpected(change)]);
    }
    const c = changedObject(change);
    const table = `ALTER TABLE ${qualify(c.schema, c.table)}`;
    if (change.op === 'drop') return rendered([`${table} DROP CONSTRAINT ${quoteIdent(c.name)}`]);
    const add = `${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`;
    const id = tableId(c.schema, c.table);
    if (!livesThrough(id, ctx)) return rendered([add]);
    // A check or foreign key on a table in use: add it NOT VALID (a short lock, no scan), then VALIDATE it in a
    // step of its own, which scans under a lock that lets reads and writes go on.
    if ((c.type === 'c' || c.type === 'f') && !c.definition.endsWith(' NOT VALID') && !isPartitioned(ctx.toById.get(id))) {
      return {
        statements: [`${add} NOT VALID`], hazards: [],
        followUps: [{ statements: [`${table} VALIDATE CONSTRAINT ${quoteIdent(c.name)}`], hazards: [], nonTransactional: true }],
      };
    }
    return rendered([add], c.type === 'c' || c.type === 'f' ? ['ACCESS_EXCLUSIVE_LOCK'] : ['INDEX_BUILD', 'ACCESS_EXCLUSIVE_LOCK']);
  },
};
