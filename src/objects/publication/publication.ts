// Publications (CREATE PUBLICATION): FOR ALL TABLES, or listed tables (with column lists and row filters) and
// schemas, and their options. Database-wide, like the coverage scan that reports them. A change of ALL TABLES
// re-creates the publication (subscribers see it vanish for a moment); other changes are ALTER PUBLICATION … SET.
import type { DiffContext, ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import type { Queryable } from '../../db/queryable.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { notFromExtension } from '../shared/scope.js';
import { columnKey, objectId, schemaId, tableId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { isTable, type TableObject } from '../table/table-model.js';
import { isKind } from '../../model/model.js';
import type { IndexObject } from '../index/index.js';
import { isConstraint } from '../constraint/constraint.js';
import { readColumns } from '../../sql/functions.js';

interface Member {
  readonly schema: string;
  readonly table: string;
  /** The column list, in the table's column order; null for every column. */
  readonly columns: readonly string[] | null;
  /** The row filter as pg_get_expr prints it; null for every row. */
  readonly where: string | null;
  /** The columns the row filter reads. */
  readonly filterColumns: readonly string[];
}

export interface PublicationObject extends DbObject {
  readonly kind: 'publication';
  readonly allTables: boolean;
  /** Sorted by schema and table. */
  readonly tables: readonly Member[];
  /** TABLES IN SCHEMA (PostgreSQL 15 on), sorted. */
  readonly schemas: readonly string[];
  /** publish = …, in PostgreSQL's order (insert, update, delete, truncate). */
  readonly publish: readonly string[];
  readonly viaRoot: boolean;
  /** publish_generated_columns (PostgreSQL 18 on: none or stored); null where the server has no such option. */
  readonly generatedColumns: string | null;
}

// Column lists and row filters (PostgreSQL 15 on) are read through to_jsonb of the rows, so that one query serves
// every server: on 14 the keys are absent and read as null.
const query = (namespaces: boolean) => `
WITH pub AS MATERIALIZED (
  SELECT p.oid, p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot,
    to_jsonb(p) ->> 'pubgencols' AS gencols
  FROM pg_catalog.pg_publication p WHERE ${notFromExtension('pg_publication', 'p.oid')}
),
member AS (
  SELECT pr.prpubid, n.nspname AS schema, c.relname AS table,
    (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid
      AND a.attnum::text IN (SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(pr) -> 'prattrs') = 'array'
        THEN to_jsonb(pr) -> 'prattrs' END))) AS columns,
    (SELECT to_jsonb(pt) ->> 'rowfilter' FROM pg_catalog.pg_publication_tables pt
      WHERE pt.pubname = pub.pubname AND pt.schemaname = n.nspname AND pt.tablename = c.relname) AS filter
  FROM pub JOIN pg_catalog.pg_publication_rel pr ON pr.prpubid = pub.oid
  JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
)
SELECT pub.pubname AS name, pub.puballtables AS all_tables, pub.pubviaroot AS via_root, pub.gencols,
  array_remove(ARRAY[CASE WHEN pub.pubinsert THEN 'insert' END, CASE WHEN pub.pubupdate THEN 'update' END,
    CASE WHEN pub.pubdelete THEN 'delete' END, CASE WHEN pub.pubtruncate THEN 'truncate' END], NULL) AS publish,
  coalesce((SELECT json_agg(json_build_object('schema', m.schema, 'table', m.table, 'columns', m.columns,
    'where', m.filter) ORDER BY m.schema, m.table) FROM member m WHERE m.prpubid = pub.oid), '[]'::json) AS tables,
  ${
    namespaces
      ? `coalesce((SELECT array_agg(n.nspname::text ORDER BY n.nspname) FROM pg_catalog.pg_publication_namespace pn
    JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = pub.oid), '{}')`
      : `'{}'::text[]`
  } AS schemas
FROM pub`;

interface Row {
  name: string;
  all_tables: boolean;
  via_root: boolean;
  gencols: string | null;
  publish: string[];
  tables: Omit<Member, 'filterColumns'>[];
  schemas: string[];
}

const GENERATED: Readonly<Record<string, string>> = { n: 'none', s: 'stored' };

const hasNamespaces = async (db: Queryable) =>
  (await db.query<{ has: boolean }>(`SELECT to_regclass('pg_catalog.pg_publication_namespace') IS NOT NULL AS has`))[0]
    ?.has === true;

function memberSql(m: Member): string {
  const columns = m.columns ? ` (${m.columns.map(quoteIdent).join(', ')})` : '';
  return `${qualify(m.schema, m.table)}${columns}${m.where ? ` WHERE (${m.where})` : ''}`;
}

/** `FOR TABLE …, TABLES IN SCHEMA …` (the SET form too, without FOR), or null when nothing is listed. */
function membersSql(p: PublicationObject): string | null {
  const parts = [
    ...(p.tables.length ? [`TABLE ${p.tables.map(memberSql).join(', ')}`] : []),
    ...(p.schemas.length ? [`TABLES IN SCHEMA ${p.schemas.map(quoteIdent).join(', ')}`] : []),
  ];
  return parts.length ? parts.join(', ') : null;
}

function forClause(p: PublicationObject): string {
  if (p.allTables) return ' FOR ALL TABLES';
  const members = membersSql(p);
  return members ? ` FOR ${members}` : '';
}

function optionsSql(p: PublicationObject): string {
  return [
    `publish = ${quoteLiteral(p.publish.join(', '))}`,
    `publish_via_partition_root = ${p.viaRoot}`,
    ...(p.generatedColumns ? [`publish_generated_columns = ${p.generatedColumns}`] : []),
  ].join(', ');
}

/** The columns of a table's replica identity: 'full', or none (null) where it has none. */
function identityColumns(t: TableObject, ctx: DiffContext): readonly string[] | 'full' | null {
  if (t.replicaIdentity === 'f') return 'full';
  if (t.replicaIdentity === 'n') return null;
  const objects = [...ctx.toById.values()];
  const own = objects.filter(isConstraint).filter((c) => c.schema === t.schema && c.table === t.name);
  if (t.replicaIdentity === 'd') return own.find((c) => c.type === 'p')?.columns ?? null;
  const index = objects.filter(isIndex).find((i) => i.schema === t.schema && i.name === t.replicaIndex);
  return own.find((c) => c.name === t.replicaIndex)?.columns ?? index?.columns ?? null;
}

/** Why UPDATE and DELETE of the tables `p` publishes would fail once it publishes them, a reason a table: no
 * replica identity, a row filter reading columns outside it, a column list leaving part of it out. */
function unwritable(p: PublicationObject, ctx: DiffContext): string[] {
  if (!p.publish.includes('update') && !p.publish.includes('delete')) return [];
  const listed = new Map(p.tables.map((m) => [tableId(m.schema, m.table), m]));
  const published = [...ctx.toById.values()]
    .filter(isTable)
    .filter((t) => t.partitionKey === null && (p.allTables || listed.has(t.id) || p.schemas.includes(t.schema)));
  return published.flatMap((t) => {
    const name = `${t.schema}.${t.name}`;
    const identity = identityColumns(t, ctx);
    if (identity === null) return [`${name} has no replica identity`];
    const m = listed.get(t.id);
    const covered = identity === 'full' ? t.columns.map((c) => c.name) : identity;
    const outside = identity === 'full' ? [] : (m?.filterColumns ?? []).filter((c) => !covered.includes(c));
    const left = m?.columns ? covered.filter((c) => !m.columns?.includes(c)) : [];
    return [
      ...(outside.length
        ? [`the row filter of ${name} reads ${outside.join(', ')}, outside its replica identity`]
        : []),
      ...(left.length ? [`the column list of ${name} leaves out ${left.join(', ')} of its replica identity`] : []),
    ];
  });
}

const isIndex = isKind<IndexObject>('index');

const membership = (p: PublicationObject) => [p.tables, p.schemas];
const settings = (p: PublicationObject) => [p.publish, p.viaRoot, p.generatedColumns];

export const publicationKind: ObjectKind<PublicationObject> = {
  kind: 'publication',
  covers: ['publication'],
  async introspect(db) {
    const read = await db.query<Row>(query(await hasNamespaces(db)));
    const rows = await Promise.all(
      read.map(async (r) => ({
        ...r,
        tables: await Promise.all(
          r.tables.map(async (t) => ({ ...t, filterColumns: t.where ? await readColumns(t.where) : [] })),
        ),
      })),
    );
    return rows.map((r) => ({
      kind: 'publication',
      id: objectId('publication', r.name),
      name: r.name,
      allTables: r.all_tables,
      tables: r.tables,
      schemas: r.schemas,
      publish: r.publish,
      viaRoot: r.via_root,
      generatedColumns: r.gencols === null ? null : (GENERATED[r.gencols] ?? r.gencols),
    }));
  },
  dependencies: (p) => [...p.tables.map((t) => tableId(t.schema, t.table)), ...p.schemas.map(schemaId)],
  columnRefs: (p) => p.tables.flatMap((t) => (t.columns ?? []).map((c) => columnKey(t.schema, t.table, c))),
  compare(from, to) {
    // Nothing listed is no SET form: going to or from that, the publication is made again.
    if (from.allTables !== to.allTables || !membersSql(from) !== !membersSql(to)) return 'recreate';
    const uses = { after: publicationKind.dependencies(to), before: publicationKind.dependencies(from) };
    return [
      ...(sameData(membership(from), membership(to)) ? [] : [alterChange(from, to, { type: 'members' }, uses)]),
      ...(sameData(settings(from), settings(to)) ? [] : [alterChange(from, to, { type: 'options' }, uses)]),
    ];
  },
  render(change, ctx) {
    const p = changedObject(change);
    const name = quoteIdent(p.name);
    if (change.op === 'drop') return rendered([`DROP PUBLICATION ${name}`]);
    const refused = unwritable(p, ctx);
    const statement =
      change.op === 'alter'
        ? change.action.type === 'members'
          ? `ALTER PUBLICATION ${name} SET ${membersSql(p) ?? ''}`
          : `ALTER PUBLICATION ${name} SET (${optionsSql(p)})`
        : `CREATE PUBLICATION ${name}${forClause(p)} WITH (${optionsSql(p)})`;
    if (refused.length === 0) return rendered([statement]);
    const CORRECTNESS = `UPDATE and DELETE fail once published: ${refused.join('; ')}`;
    return { statements: [statement], hazards: ['CORRECTNESS'], reasons: { CORRECTNESS } };
  },
  describe: (c) => c.action.type,
};
