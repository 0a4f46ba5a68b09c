// Indexes that no constraint owns (constraint-backed indexes come with their constraint). Any change re-creates.
// Indexes of partitions attached to an index of the partitioned table are objects too (their names are part of the
// schema); see shared/partition-children.ts for how a plan reaches them.
import type { DiffContext, ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import { type DbObject, type ObjectId, isKind, objectOf } from '../../model/model.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { columnKey, indexId, relationSlot, idPartsSql } from '../shared/ids.js';
import { isPartitioned, livesThrough, rendered, sameData, unexpected } from '../shared/simple.js';
import { alterChange, createChange, dropChange } from '../shared/change.js';
import { resource } from '../../model/resource.js';
import {
  builtExplicitly,
  childCreates,
  childDrops,
  looksGenerated,
  renameGeneratedChild,
} from '../shared/partition-children.js';

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
  /** The partitioned table's index this partition's index is attached to. */
  readonly attachedTo: ObjectId | null;
  /** Statistics targets of expression columns (ALTER INDEX … ALTER COLUMN n SET STATISTICS), by column number;
   * absent when every column has the default. */
  readonly statistics?: readonly IndexStatistics[];
}

interface IndexStatistics {
  readonly column: number;
  readonly target: number;
}

export const isIndex = isKind<IndexObject>('index');

// Set-based: the indexes in scope first (materialized), their columns (key columns and what expressions and
// predicates use, from pg_depend) aggregated in one pass, the partitioned index each is attached to by a join.
const QUERY = `
WITH idx AS MATERIALIZED (
  SELECT i.indexrelid, i.indrelid, i.indkey, i.indisvalid, ic.relname AS name, tc.relname AS table, tc.relkind, n.nspname
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
  WHERE tc.relkind IN ('r', 'm', 'p')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint x WHERE x.conindid = i.indexrelid
      AND x.conrelid = i.indrelid AND x.contype IN ('p', 'u', 'x'))
    AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'tc.oid')}
),
cols AS (
  SELECT x.indexrelid, array_agg(DISTINCT a.attname::text) AS columns
  FROM (
    SELECT idx.indexrelid, idx.indrelid, k.attnum FROM idx CROSS JOIN LATERAL unnest(idx.indkey::int2[]) AS k(attnum)
    UNION
    SELECT idx.indexrelid, idx.indrelid, d.refobjsubid FROM idx JOIN pg_catalog.pg_depend d
      ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = idx.indexrelid
      AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = idx.indrelid
  ) x
  JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.attnum AND a.attnum > 0
  GROUP BY x.indexrelid
)
SELECT idx.nspname AS schema, idx.name, idx.table, pg_catalog.pg_get_indexdef(idx.indexrelid) AS definition,
  NOT idx.indisvalid AS invalid,
  CASE WHEN pc.oid IS NOT NULL THEN 'index:' || ${idPartsSql('pn.nspname', 'pc.relname')} END AS attached_to,
  CASE WHEN idx.relkind = 'm' THEN 'view:' ELSE 'table:' END || ${idPartsSql('idx.nspname', 'idx.table')} AS owner,
  idx.indexrelid::text AS oid, coalesce(cols.columns, '{}') AS columns,
  (SELECT json_agg(json_build_object('column', a.attnum, 'target', a.attstattarget::int) ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = idx.indexrelid AND a.attstattarget::int >= 0) AS statistics
FROM idx
LEFT JOIN cols ON cols.indexrelid = idx.indexrelid
LEFT JOIN pg_catalog.pg_inherits ii ON ii.inhrelid = idx.indexrelid
LEFT JOIN pg_catalog.pg_class pc ON pc.oid = ii.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace`;

export const indexKind: ObjectKind<IndexObject> = {
  kind: 'index',
  covers: ['index'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      schema: string;
      name: string;
      table: string;
      owner: string;
      definition: string;
      invalid: boolean;
      attached_to: string | null;
      columns: string[];
      oid: string;
      statistics: IndexStatistics[] | null;
    }>(QUERY, scopeParams(scope));
    // An index on a partitioned table prints as ON ONLY, which would not build the partitions' indexes.
    return rows.map((r) => ({
      kind: 'index',
      id: indexId(r.schema, r.name),
      schema: r.schema,
      name: r.name,
      table: r.table,
      owner: r.owner,
      definition: r.definition.replace(/ ON ONLY /, ' ON '),
      columns: [...r.columns].sort(),
      dependsOn: refs.dependsOn([['pg_class', r.oid]], r.owner),
      attachedTo: r.attached_to,
      ...(r.statistics ? { statistics: r.statistics } : {}),
      ...(r.invalid ? { incomplete: true } : {}),
    }));
  },
  dependencies: (i) => [i.owner, ...(i.attachedTo ? [i.attachedTo] : []), ...i.dependsOn],
  parent: (i) => i.owner,
  slot: (i) => relationSlot(i.schema, i.name),
  columnRefs: (i) => i.columns.map((c) => columnKey(i.schema, i.table, c)),
  compare(from, to, ctx) {
    const { attachedTo: fromParent, incomplete: cutOff, statistics: fromTargets, ...f } = from;
    const { attachedTo: toParent, incomplete: leftCut, statistics: toTargets, ...t } = to;
    if (!sameData(f, t)) return 'recreate';
    // Statistics targets are set in place (SHARE UPDATE EXCLUSIVE on the index's table, no rebuild).
    const targets = sameData(fromTargets ?? [], toTargets ?? [])
      ? []
      : [alterChange(from, to, { type: 'statistics' }, { after: [], before: [] })];
    // A build cut off left the index INVALID (unused by queries): the same definition is rebuilt in place, online.
    // Going back there is nothing to do: an unfinished build cannot be made again, and no state records one.
    if (leftCut) return targets;
    if (cutOff) {
      if (fromParent !== toParent || isPartitioned(ctx.toById.get(to.owner))) return 'recreate';
      return [alterChange(from, to, { type: 'rebuild' }, { after: [], before: [] }), ...targets];
    }
    if (fromParent === toParent) return targets;
    // Its table leaves the partitioned table: PostgreSQL keeps the index as the table's own.
    if (toParent === null) return [alterChange(from, to, { type: 'detach' }, { after: [], before: [] }), ...targets];
    return [
      ...targets,
      alterChange(
        from,
        to,
        { type: 'attach' },
        { after: [toParent, to.owner], before: [] },
        { needs: [resource.attached(to.owner)] },
      ),
    ];
  },
  creates(i, ctx) {
    return childCreates(i, i, createChange(i, indexKind.dependencies(i)), [i.owner, ...i.dependsOn], ctx);
  },
  drops(i, ctx) {
    return childDrops(i, dropChange(i, indexKind.dependencies(i)), ctx);
  },
  renameTo(from, to) {
    const unnamed = (i: IndexObject) => i.definition.replace(/^(CREATE (?:UNIQUE )?INDEX ).+? ON /, '$1ON ');
    if (from.schema !== to.schema || from.owner !== to.owner || unnamed(from) !== unnamed(to)) return undefined;
    return `ALTER INDEX ${qualify(from.schema, from.name)} RENAME TO ${quoteIdent(to.name)}`;
  },
  // Hashes of models without partition children stay what they were before children were modelled.
  normalize: ({ attachedTo, ...rest }) => (attachedTo === null ? rest : { ...rest, attachedTo }),
  render(change, ctx) {
    if (change.op === 'alter' && change.action.type === 'rename') {
      return rendered([indexKind.renameTo?.(change.from, change.to) ?? unexpected(change)]);
    }
    if (change.op === 'alter' && change.action.type === 'detach') return rendered([]);
    if (change.op === 'alter' && change.action.type === 'statistics')
      return rendered(statisticsTargets(change.to, change.from));
    if (change.op === 'alter' && change.action.type === 'rebuild') {
      // SHARE UPDATE EXCLUSIVE on the table while it builds, as CREATE INDEX CONCURRENTLY; the name stays.
      return {
        statements: [`REINDEX INDEX CONCURRENTLY ${qualify(change.to.schema, change.to.name)}`],
        hazards: ['INDEX_BUILD'],
        nonTransactional: true,
      };
    }
    if (change.op === 'alter' && change.action.type === 'attach') {
      const [schema, parent] = [change.to.schema, objectOf(ctx.toById, change.to.attachedTo, isIndex)?.name];
      return rendered([
        `ALTER INDEX ${qualify(schema, parent ?? unexpected(change))} ATTACH PARTITION ${qualify(change.to.schema, change.to.name)}`,
      ]);
    }
    const i = changedObject(change);
    if (change.op === 'create' && i.attachedTo && !builtExplicitly(i, ctx)) return renderGenerated(i, ctx);
    // On a table that stays, build and drop without blocking writes: CONCURRENTLY, outside a transaction.
    const online = livesThrough(i.owner, ctx) && !isPartitioned(ctx.toById.get(i.owner));
    if (change.op === 'drop') {
      return online
        ? { statements: [`DROP INDEX CONCURRENTLY ${qualify(i.schema, i.name)}`], hazards: [], nonTransactional: true }
        : // Without CONCURRENTLY (a partitioned table, or an owner re-created) the drop holds ACCESS EXCLUSIVE on
          // a relation that exists before and after until the migration's transaction ends; an owner dropped for
          // good goes in the same transaction, so the lock stalls nobody it would not stall anyway.
          ctx.fromById.has(i.owner) && !ctx.toById.has(i.owner)
          ? {
              statements: [`DROP INDEX ${qualify(i.schema, i.name)}`],
              hazards: [],
              absent: { ACCESS_EXCLUSIVE_LOCK: `its table ${i.table} is dropped by the same migration` },
            }
          : rendered(
              [`DROP INDEX ${qualify(i.schema, i.name)}`],
              ctx.fromById.has(i.owner) && ctx.toById.has(i.owner) ? ['ACCESS_EXCLUSIVE_LOCK'] : [],
            );
    }
    const targets = statisticsTargets(i);
    if (!online)
      return rendered(
        [i.definition, ...targets],
        ctx.fromById.has(i.owner) && !ctx.recreated.has(i.owner) ? ['INDEX_BUILD'] : [],
      );
    return {
      statements: [i.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ')],
      hazards: ['INDEX_BUILD'],
      nonTransactional: true,
      // The targets in a step of their own: a concurrent build runs alone, outside a transaction.
      ...(targets.length ? { followUps: [rendered(targets)] } : {}),
    };
  },
};

/** ALTER INDEX … SET STATISTICS for each column whose target `i` has and `was` has not (a new index: every one). */
function statisticsTargets(i: IndexObject, was?: IndexObject): string[] {
  const target = (x: IndexObject | undefined, column: number) =>
    x?.statistics?.find((s) => s.column === column)?.target ?? -1;
  const columns = [...new Set([...(i.statistics ?? []), ...(was?.statistics ?? [])].map((s) => s.column))];
  return columns
    .sort((a, b) => a - b)
    .filter((c) => target(i, c) !== target(was, c))
    .map((c) => `ALTER INDEX ${qualify(i.schema, i.name)} ALTER COLUMN ${c} SET STATISTICS ${target(i, c)}`);
}

/** A child PostgreSQL makes itself (its partition is new): nothing to run unless the desired name is not the generated one. */
function renderGenerated(i: IndexObject, ctx: DiffContext) {
  const parent = objectOf(ctx.toById, i.attachedTo, isIndex);
  if (!parent || looksGenerated(i.name, i.table)) return rendered([]);
  const sql = renameGeneratedChild(
    i,
    qualify(parent.schema, parent.name),
    (current) =>
      `format('ALTER INDEX %I.%I RENAME TO %I', ${quoteLiteral(i.schema)}, ${current}, ${quoteLiteral(i.name)})`,
  );
  return rendered([sql]);
}
