// Indexes that no constraint owns (constraint-backed indexes come with their constraint). Any change re-creates.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { columnKey, indexId, relationSlot, idPartsSql } from '../shared/ids.js';
import { isPartitioned, livesThrough, rendered, sameData, unexpected } from '../shared/simple.js';
import { dependsOnSql } from '../shared/refs.js';

export interface IndexObject extends DbObject {
  readonly kind: 'index';
  readonly schema: string;
  readonly table: string;
  /** The table or materialized view the index is on. */
  readonly owner: string;
  /** pg_get_indexdef(): the whole CREATE INDEX statement, names qualified. */
  readonly definition: string;
  /** Columns used as keys, in INCLUDE, in expressions or in the predicate. */
  readonly columns: readonly string[];
  /** Functions, collations, operator classes' owners… used by the index, from pg_depend. */
  readonly dependsOn: readonly string[];
}

const QUERY = `
SELECT n.nspname AS schema, ic.relname AS name, tc.relname AS table, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
  NOT i.indisvalid AS invalid,
  CASE WHEN tc.relkind = 'm' THEN 'view:' ELSE 'table:' END || ${idPartsSql('n.nspname', 'tc.relname')} AS owner,
  ${dependsOnSql(`d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = i.indexrelid`)} AS depends_on,
  coalesce((SELECT array_agg(DISTINCT a.attname::text) FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = i.indrelid AND a.attnum > 0 AND (a.attnum = ANY(i.indkey) OR a.attnum IN (
      SELECT d.refobjsubid FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass
        AND d.objid = i.indexrelid AND d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indrelid))), '{}') AS columns
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
WHERE tc.relkind IN ('r', 'm', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits ii WHERE ii.inhrelid = i.indexrelid)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint x WHERE x.conindid = i.indexrelid
    AND x.conrelid = i.indrelid AND x.contype IN ('p', 'u', 'x'))
  AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'tc.oid')}`;

export const indexKind: ObjectKind<IndexObject> = {
  kind: 'index',
  async introspect(db, scope) {
    const rows = await db.query<{ schema: string; name: string; table: string; owner: string; definition: string; invalid: boolean; columns: string[]; depends_on: string[] }>(
      QUERY, scopeParams(scope));
    // An index on a partitioned table prints as ON ONLY, which would not build the partitions' indexes.
    return rows.map((r) => ({ kind: 'index', id: indexId(r.schema, r.name), schema: r.schema, name: r.name, table: r.table, owner: r.owner,
      definition: r.definition.replace(/ ON ONLY /, ' ON '), columns: [...r.columns].sort(), dependsOn: r.depends_on.filter((d) => d !== r.owner), ...(r.invalid ? { incomplete: true } : {}) }));
  },
  dependencies: (i) => [i.owner, ...i.dependsOn],
  parent: (i) => i.owner,
  slot: (i) => relationSlot(i.schema, i.name),
  columnRefs: (i) => i.columns.map((c) => columnKey(i.schema, i.table, c)),
  compare: (from, to) => (sameData(from, to) ? [] : 'recreate'),
  renameTo(from, to) {
    const unnamed = (i: IndexObject) => i.definition.replace(/^(CREATE (?:UNIQUE )?INDEX ).+? ON /, '$1ON ');
    if (from.schema !== to.schema || from.owner !== to.owner || unnamed(from) !== unnamed(to)) return undefined;
    return `ALTER INDEX ${qualify(from.schema, from.name)} RENAME TO ${quoteIdent(to.name)}`;
  },
  render(change, ctx) {
    if (change.op === 'alter' && change.action.type === 'rename') {
      return rendered([indexKind.renameTo?.(change.from, change.to) ?? unexpected(change)]);
    }
    const i = changedObject(change);
    // On a table that stays, build and drop without blocking writes: CONCURRENTLY, outside a transaction.
    const online = livesThrough(i.owner, ctx) && !isPartitioned(ctx.toById.get(i.owner));
    if (change.op === 'drop') {
      return online
        ? { statements: [`DROP INDEX CONCURRENTLY ${qualify(i.schema, i.name)}`], hazards: [], nonTransactional: true }
        : rendered([`DROP INDEX ${qualify(i.schema, i.name)}`]);
    }
    if (!online) return rendered([i.definition], ctx.fromById.has(i.owner) && !ctx.recreated.has(i.owner) ? ['INDEX_BUILD'] : []);
    return { statements: [i.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ')], hazards: ['INDEX_BUILD'], nonTransactional: true };
  },
};
