// Table constraints (primary key, unique, foreign key, check, exclusion). Each is its own object, added with
// ALTER TABLE after its table, which is what splits foreign-key cycles. Any change re-creates the constraint.
// NOT NULL constraints (contype 'n', catalogued from PostgreSQL 18 only) are a column property instead.
// Keys of partitions attached to a key of the partitioned table are objects too (their names are part of the
// schema); see shared/partition-children.ts. Other inherited constraints come and go with their parent.
import type { DiffContext, ObjectKind, Rendered } from '../kind.js';
import { changedObject } from '../kind.js';
import { type DbObject, type ObjectId, isKind, objectOf } from '../../model/model.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { columnKey, constraintId, indexId, tableId, idPartsSql } from '../shared/ids.js';
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
  /** The partitioned table's key this partition's key is attached to. */
  readonly attachedTo: ObjectId | null;
}

export const isConstraint = isKind<ConstraintObject>('constraint');

// Set-based: the constraints in scope first (materialized), then their columns aggregated in one pass and the key
// a foreign key relies on by a join.
const QUERY = `
WITH con AS MATERIALIZED (
  SELECT con.oid, con.conname, con.contype, con.conrelid, con.conkey, con.confrelid, con.conindid,
    n.nspname, c.relname, rn.nspname AS ref_schema, rc.relname AS ref_table, ri.relname AS ref_index,
    CASE WHEN NOT con.conislocal THEN 'constraint:' || ${idPartsSql('pcn.nspname', 'pcc.relname', 'pk.conname')} END AS attached_to
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN pg_catalog.pg_class ri ON ri.oid = con.conindid AND con.contype = 'f'
  LEFT JOIN pg_catalog.pg_constraint pk ON pk.oid = con.conparentid AND con.contype IN ('p', 'u', 'x') AND pk.conrelid <> con.conrelid
  LEFT JOIN pg_catalog.pg_class pcc ON pcc.oid = pk.conrelid
  LEFT JOIN pg_catalog.pg_namespace pcn ON pcn.oid = pcc.relnamespace
  WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p') AND (con.conislocal OR pk.oid IS NOT NULL)
    AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
),
cols AS (
  SELECT con.oid, array_agg(a.attname::text ORDER BY a.attname) AS columns
  FROM con JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey)
  GROUP BY con.oid
),
keys AS (
  SELECT DISTINCT ON (k.conrelid, k.conindid) k.conrelid, k.conindid, k.conname FROM pg_catalog.pg_constraint k
  WHERE k.contype IN ('p', 'u') AND k.conrelid IN (SELECT con.confrelid FROM con WHERE con.contype = 'f')
  ORDER BY k.conrelid, k.conindid, k.conname
)
SELECT con.nspname AS schema, con.relname AS table, con.conname AS name, con.contype AS type,
  pg_catalog.pg_get_constraintdef(con.oid) AS definition, coalesce(cols.columns, '{}') AS columns,
  con.ref_schema, con.ref_table, con.ref_index, con.oid::text AS oid, keys.conname AS ref_constraint, con.attached_to
FROM con
LEFT JOIN cols ON cols.oid = con.oid
LEFT JOIN keys ON con.contype = 'f' AND keys.conrelid = con.confrelid AND keys.conindid = con.conindid`;

interface Row {
  schema: string;
  table: string;
  name: string;
  type: ConstraintObject['type'];
  definition: string;
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_index: string | null;
  ref_constraint: string | null;
  oid: string;
  attached_to: string | null;
}

function references(r: Row): ObjectId[] {
  if (r.type !== 'f' || !r.ref_schema || !r.ref_table) return [];
  const key = r.ref_constraint
    ? constraintId(r.ref_schema, r.ref_table, r.ref_constraint)
    : r.ref_index
      ? indexId(r.ref_schema, r.ref_index)
      : undefined;
  return [tableId(r.ref_schema, r.ref_table), ...(key ? [key] : [])];
}

export const constraintKind: ObjectKind<ConstraintObject> = {
  kind: 'constraint',
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = constraintId(r.schema, r.table, r.name);
      return {
        kind: 'constraint',
        id,
        schema: r.schema,
        table: r.table,
        name: r.name,
        type: r.type,
        definition: r.definition,
        columns: r.columns,
        references: [...new Set([...references(r), ...refs.dependsOn([['pg_constraint', r.oid]], id)])].sort(),
        attachedTo: r.attached_to,
      };
    });
  },
  dependencies: (c) => [tableId(c.schema, c.table), ...(c.attachedTo ? [c.attachedTo] : []), ...c.references],
  parent: (c) => tableId(c.schema, c.table),
  columnRefs: (c) => c.columns.map((col) => columnKey(c.schema, c.table, col)),
  compare(from, to) {
    const { attachedTo: fromParent, ...f } = from;
    const { attachedTo: toParent, ...t } = to;
    if (!sameData(f, t)) return 'recreate';
    if (fromParent === toParent) return [];
    // Its table leaves the partitioned table: PostgreSQL keeps the key as the table's own.
    if (toParent === null) return [alterChange(from, to, { type: 'detach' }, { after: [], before: [] })];
    return [
      alterChange(
        from,
        to,
        { type: 'attach' },
        { after: [toParent, tableOf(to)], before: [] },
        { needs: [resource.attached(tableOf(to))] },
      ),
    ];
  },
  creates(c, ctx) {
    const create = createChange(c, constraintKind.dependencies(c));
    return childCreates(c, child(c), create, [tableOf(c), ...c.references], ctx);
  },
  drops(c, ctx) {
    return childDrops(child(c), dropChange(c, constraintKind.dependencies(c)), ctx);
  },
  renameTo(from, to) {
    if (
      from.schema !== to.schema ||
      from.table !== to.table ||
      from.type !== to.type ||
      from.definition !== to.definition
    )
      return undefined;
    return `ALTER TABLE ${qualify(from.schema, from.table)} RENAME CONSTRAINT ${quoteIdent(from.name)} TO ${quoteIdent(to.name)}`;
  },
  // Hashes of models without partition children stay what they were before children were modelled.
  normalize: ({ attachedTo, ...rest }) => (attachedTo === null ? rest : { ...rest, attachedTo }),
  render(change, ctx) {
    if (change.op === 'alter' && change.action.type === 'rename') {
      return rendered([constraintKind.renameTo?.(change.from, change.to) ?? unexpected(change)]);
    }
    if (change.op === 'alter' && change.action.type === 'detach') return rendered([]);
    if (change.op === 'alter' && change.action.type === 'attach') {
      // A key's index carries its name: attaching the index attaches the key.
      const parent = objectOf(ctx.toById, change.to.attachedTo, isConstraint);
      return rendered([
        `ALTER INDEX ${qualify(parent?.schema ?? '', parent?.name ?? unexpected(change))} ATTACH PARTITION ` +
          `${qualify(change.to.schema, change.to.name)}`,
      ]);
    }
    const c = changedObject(change);
    if (change.op === 'create' && c.attachedTo && !builtExplicitly(child(c), ctx)) return renderGenerated(c, ctx);
    const table = `ALTER TABLE ${qualify(c.schema, c.table)}`;
    if (change.op === 'drop') return rendered([`${table} DROP CONSTRAINT ${quoteIdent(c.name)}`]);
    const add = `${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`;
    const id = tableId(c.schema, c.table);
    // A table back from the archive holds its rows again, as one that stayed does.
    const restored = ctx.archive?.direction === 'down' && ctx.archive.objects.has(id);
    if (!livesThrough(id, ctx) && !restored) return rendered([add]);
    // A check or foreign key on a table in use: add it NOT VALID (a short lock, no scan), then VALIDATE it in a
    // step of its own, which scans under a lock that lets reads and writes go on.
    if (
      (c.type === 'c' || c.type === 'f') &&
      !c.definition.endsWith(' NOT VALID') &&
      !isPartitioned(ctx.toById.get(id))
    ) {
      return {
        statements: [`${add} NOT VALID`],
        hazards: [],
        followUps: [
          { statements: [`${table} VALIDATE CONSTRAINT ${quoteIdent(c.name)}`], hazards: [], nonTransactional: true },
        ],
      };
    }
    // A partition's key attached to its parent's is the parent's to build (ALTER INDEX … ATTACH PARTITION).
    const online =
      (c.type === 'p' || c.type === 'u') && !c.attachedTo && !isPartitioned(ctx.toById.get(id))
        ? onlineKey(c)
        : undefined;
    if (online) return online;
    return rendered(
      [add],
      c.type === 'c' || c.type === 'f' ? ['ACCESS_EXCLUSIVE_LOCK'] : ['INDEX_BUILD', 'ACCESS_EXCLUSIVE_LOCK'],
    );
  },
};

// pg_get_constraintdef() of a key: kind, NULLS NOT DISTINCT, columns, INCLUDE, WITH, tablespace, deferrability.
const KEY = new RegExp(
  [
    /^(PRIMARY KEY|UNIQUE)( NULLS NOT DISTINCT)? \(([^()]+)\)/.source,
    /( INCLUDE \([^()]+\))?( WITH \([^()]+\))?( USING INDEX TABLESPACE \S+)?/.source,
    /((?: DEFERRABLE)?(?: INITIALLY DEFERRED)?)$/.source,
  ].join(''),
);

/**
 * ADD CONSTRAINT … UNIQUE / PRIMARY KEY builds its index while holding ACCESS EXCLUSIVE (reads and writes of the
 * table wait for the whole build). Instead: build the unique index CONCURRENTLY (writes go on), then attach it as the
 * constraint with USING INDEX, which takes the lock only for a catalog change. The index is named as the constraint,
 * which is the name USING INDEX gives it anyway. A key whose definition does not parse is added in place.
 */
function onlineKey(c: ConstraintObject): Rendered | undefined {
  const m = KEY.exec(c.definition);
  if (!m) return undefined;
  const [, kind, nulls = '', columns = '', include = '', withs = '', tablespace = '', deferral = ''] = m;
  const index = quoteIdent(c.name);
  const space = tablespace.replace(' USING INDEX TABLESPACE', ' TABLESPACE');
  const build =
    `CREATE UNIQUE INDEX CONCURRENTLY ${index} ON ${qualify(c.schema, c.table)} (${columns})${include}` +
    `${nulls}${withs}${space}`;
  return {
    statements: [build],
    hazards: ['INDEX_BUILD'],
    nonTransactional: true,
    followUps: [
      {
        statements: [
          `ALTER TABLE ${qualify(c.schema, c.table)} ADD CONSTRAINT ${index} ${kind} USING INDEX ${index}${deferral}`,
        ],
        hazards: [],
      },
    ],
  };
}

const tableOf = (c: ConstraintObject) => tableId(c.schema, c.table);
const child = (c: ConstraintObject) => ({
  schema: c.schema,
  name: c.name,
  table: c.table,
  owner: tableOf(c),
  attachedTo: c.attachedTo,
});

/** A key PostgreSQL gives a new partition itself: nothing to run unless the desired name is not the generated one. */
function renderGenerated(c: ConstraintObject, ctx: DiffContext) {
  const parent = objectOf(ctx.toById, c.attachedTo, isConstraint);
  if (!parent || looksGenerated(c.name, c.table)) return rendered([]);
  const sql = renameGeneratedChild(
    child(c),
    qualify(parent.schema, parent.name),
    (current) =>
      `format('ALTER TABLE %I.%I RENAME CONSTRAINT %I TO %I', ${quoteLiteral(c.schema)}, ${quoteLiteral(c.table)}, ` +
      `${current}, ${quoteLiteral(c.name)})`,
  );
  return rendered([sql]);
}
